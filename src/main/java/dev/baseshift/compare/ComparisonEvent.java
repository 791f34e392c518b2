package dev.baseshift.compare;

import dev.baseshift.catalog.Tier;

/** What the comparison service reports while it runs. Delivered on the service's threads, in order per variant. */
public sealed interface ComparisonEvent {
    record VariantStarted(Tier tier) implements ComparisonEvent {}
    record StatusChanged(Tier tier, VariantStatus status, String detail) implements ComparisonEvent {}
    record BuildLog(Tier tier, String line) implements ComparisonEvent {}
    record BuildFinished(Tier tier, boolean success, double seconds, String error) implements ComparisonEvent {}
    record ProbeFinished(Tier tier, ProbeResult probe) implements ComparisonEvent {}
    record VariantFinished(VariantResult result) implements ComparisonEvent {}
    record ComparisonFinished(ComparisonResult result) implements ComparisonEvent {}
}
