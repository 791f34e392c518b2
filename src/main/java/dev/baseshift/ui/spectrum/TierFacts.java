package dev.baseshift.ui.spectrum;

/**
 * What the slider shows of one tier's base before anything is built.
 *
 * @param tick    under the tick: "↓28MB", "75MB local", "✗ no such tag", "…" while looking, "?" when unknown
 * @param detail  the whole line ("28MB to pull (linux/amd64) · 75MB on disk · 3 layers · registry")
 * @param bar     the tier's size against the largest on the spectrum, 0–1 (0 when unknown)
 * @param flagged the tag does not exist or the base lacks the platform
 */
public record TierFacts(String tick, String detail, double bar, boolean flagged) {
    static final TierFacts LOOKING = new TierFacts("…", "looking up this base's size…", 0, false);
}
