package dev.baseshift.plan;

import dev.baseshift.catalog.Tier;

/**
 * The image's base as found: reference (expanded), family name or null when unknown, tier.
 *
 * @param note what to say of a base BaseShift cannot move along a spectrum (a Windows image), or null
 */
public record BaseInfo(String ref, String family, Tier tier, String version, String note) {
    public BaseInfo(String ref, String family, Tier tier, String version) {
        this(ref, family, tier, version, null);
    }
}
