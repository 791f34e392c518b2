package dev.baseshift.catalog;

import java.util.List;

/**
 * One base on a family's spectrum.
 *
 * @param image        the reference to use in FROM, e.g. {@code python:3.12-slim-trixie}
 * @param note         a short human note ("Debian 13, no build tools"), may be empty
 * @param custom       true when the user supplied the image ({@code --base TIER=IMAGE})
 * @param alternatives the tier's next templates filled for the same coordinates, in the catalog's order
 *                     ({@code python:3.12-slim}, {@code python:slim-trixie}, …): where to fall back when
 *                     {@code image}'s tag does not exist in the registry; with their traits
 */
public record TierOption(Tier tier, String image, BaseTraits traits, String note, boolean custom,
                         List<Alternative> alternatives) {
    /** Another reference for the same tier, with the traits of its tag. */
    public record Alternative(String image, BaseTraits traits) {}

    public TierOption {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    public TierOption(Tier tier, String image, BaseTraits traits, String note, boolean custom) {
        this(tier, image, traits, note, custom, List.of());
    }

    /** The same tier on another of its references (a fallback), keeping the remaining alternatives after it. */
    public TierOption fallingBackTo(Alternative alternative) {
        int at = alternatives.indexOf(alternative);
        List<Alternative> rest = at < 0 ? alternatives : alternatives.subList(at + 1, alternatives.size());
        return new TierOption(tier, alternative.image(), alternative.traits(), note, custom, rest);
    }
}
