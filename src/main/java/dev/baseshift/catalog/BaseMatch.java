package dev.baseshift.catalog;

import java.util.List;

/**
 * What the catalog knows about a reference: its family, its tier and version, and the spectrum it can move along.
 *
 * @param version  the version the reference pins (e.g. "3.12"), or null when it floats (latest)
 * @param spectrum the tiers this family really has for that version, fullest first; includes the matched tier
 */
public record BaseMatch(Family family, Tier tier, String version, List<TierOption> spectrum) {
    public BaseMatch {
        spectrum = List.copyOf(spectrum);
    }
}
