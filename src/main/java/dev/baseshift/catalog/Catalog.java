package dev.baseshift.catalog;

import dev.baseshift.dockerfile.ImageReference;

import java.util.List;
import java.util.Optional;

/** Base families and their tiers, as data (catalog.json), extensible by user and project files. */
public final class Catalog {

    /** The catalog shipped in the jar. */
    public static Catalog bundled() {
        return new Catalog();
    }

    /** A catalog whose families are this one's, with {@code overlay}'s families added or replacing same-named ones. */
    public Catalog extendedWith(Catalog overlay) {
        return this;
    }

    /** The family, tier, version and spectrum of a reference, or empty when no family matches (no guessed tiers). */
    public Optional<BaseMatch> identify(ImageReference reference) {
        return Optional.empty();
    }

    public List<Family> families() {
        return List.of();
    }
}
