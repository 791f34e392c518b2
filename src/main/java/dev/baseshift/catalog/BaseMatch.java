package dev.baseshift.catalog;

import java.util.List;
import java.util.Optional;

/**
 * What the catalog knows about a reference: its family, its tier and version, and the spectrum it can move along.
 *
 * @param version  the version the reference pins (e.g. "3.12"), or null when it floats (latest)
 * @param spectrum the tiers this family really has for that version, fullest first; includes the matched tier,
 *                 whose image is the reference exactly as written
 * @param retiredSuite the suite the reference names when it is past its end of life (buster), whose variants are on
 *                 today's suite instead; null otherwise
 */
public record BaseMatch(Family family, Tier tier, String version, List<TierOption> spectrum, String retiredSuite) {
    public BaseMatch {
        spectrum = List.copyOf(spectrum);
    }

    public BaseMatch(Family family, Tier tier, String version, List<TierOption> spectrum) {
        this(family, tier, version, spectrum, null);
    }

    /** The spectrum entry of the matched reference itself (its traits, its note). */
    public TierOption option() {
        return option(tier).orElseThrow();
    }

    /** The spectrum entry for a tier, when the family has that tier for this version. */
    public Optional<TierOption> option(Tier wanted) {
        return spectrum.stream().filter(o -> o.tier() == wanted).findFirst();
    }
}
