package dev.baseshift.compare;

import dev.baseshift.catalog.Tier;

/** The smallest built variant that passes every probe, or none (tier null) with the reason. */
public record Recommendation(Tier tier, String reason, boolean repaired) {
    public Recommendation(Tier tier, String reason) {
        this(tier, reason, false);
    }

    public boolean present() { return tier != null; }

    /** "slim", or "slim+fix" when BaseShift's repaired variant is the one recommended; null when none. */
    public String label() {
        return tier == null ? null : repaired ? tier.id() + "+fix" : tier.id();
    }

    /** True when this recommendation names that variant. */
    public boolean isFor(VariantResult r) {
        return tier != null && r.tier() == tier && r.variant().repaired() == repaired;
    }
}
