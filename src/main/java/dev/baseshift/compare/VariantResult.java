package dev.baseshift.compare;

import dev.baseshift.plan.Variant;

import java.util.List;

/**
 * The outcome of one variant. Sizes are bytes, exactly as the engine reports them.
 *
 * @param buildCache whether the image was built now or is the kept image of an earlier comparison with the same inputs
 */
public record VariantResult(Variant variant, VariantStatus status, String imageId, String tag, long sizeBytes,
                            long baseSizeBytes, long appSizeBytes, double buildSeconds, String error,
                            List<LayerMeasure> layers, List<ProbeResult> probes, BuildCache buildCache) {
    public VariantResult {
        layers = List.copyOf(layers);
        probes = List.copyOf(probes);
        if (buildCache == null) buildCache = status == VariantStatus.BUILT ? BuildCache.BUILT : BuildCache.NONE;
    }

    /** A result whose image was built now (or not at all, when it did not build). */
    public VariantResult(Variant variant, VariantStatus status, String imageId, String tag, long sizeBytes,
                         long baseSizeBytes, long appSizeBytes, double buildSeconds, String error,
                         List<LayerMeasure> layers, List<ProbeResult> probes) {
        this(variant, status, imageId, tag, sizeBytes, baseSizeBytes, appSizeBytes, buildSeconds, error, layers,
                probes, null);
    }

    /** True when the kept image was reused instead of building. */
    public boolean cached() { return buildCache == BuildCache.CACHED; }

    public boolean built() { return status == VariantStatus.BUILT; }

    /** The variant's tier, base and whether it is the user's own Dockerfile: what charts and tables label it with. */
    public dev.baseshift.catalog.Tier tier() { return variant.tier(); }

    public String base() { return variant.base(); }

    /** "slim", or "slim+fix" for a repaired variant. */
    public String label() { return variant.label(); }

    public boolean original() { return variant.original(); }

    public long probesPassed() { return probes.stream().filter(p -> p.outcome() == ProbeOutcome.PASS).count(); }

    /** Built, and every probe that ran passed (a variant without probes passes). */
    public boolean passesAll() {
        return built() && probes.stream().allMatch(p -> p.outcome() == ProbeOutcome.PASS
                || p.outcome() == ProbeOutcome.SKIPPED);
    }
}
