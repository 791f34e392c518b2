package dev.baseshift.plan;

import dev.baseshift.catalog.Tier;

/** The image's base as found: reference (expanded), family name or null when unknown, tier. */
public record BaseInfo(String ref, String family, Tier tier, String version) {}
