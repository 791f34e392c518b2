package dev.baseshift.compare;

import dev.baseshift.catalog.Tier;

/** What the comparison service reports while it runs. Delivered on the service's threads, in order per variant. */
public sealed interface ComparisonEvent {
    record VariantStarted(Tier tier) implements ComparisonEvent {}
    record StatusChanged(Tier tier, VariantStatus status, String detail) implements ComparisonEvent {}
    record BuildLog(Tier tier, String line) implements ComparisonEvent {}
    /** @param cached the kept image had the same inputs: nothing was built */
    record BuildFinished(Tier tier, boolean success, double seconds, String error, boolean cached)
            implements ComparisonEvent {
        public BuildFinished(Tier tier, boolean success, double seconds, String error) {
            this(tier, success, seconds, error, false);
        }
    }
    record ProbeFinished(Tier tier, ProbeResult probe) implements ComparisonEvent {}
    record VariantFinished(VariantResult result) implements ComparisonEvent {}
    record ComparisonFinished(ComparisonResult result) implements ComparisonEvent {}
    /** About the whole comparison, e.g. that it waits for another comparison of the project. */
    record Notice(String message) implements ComparisonEvent {}
}
