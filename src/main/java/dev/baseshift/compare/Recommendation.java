package dev.baseshift.compare;

import dev.baseshift.catalog.Tier;

/** The smallest built variant that passes every probe, or none (tier null) with the reason. */
public record Recommendation(Tier tier, String reason) {
    public boolean present() { return tier != null; }
}
