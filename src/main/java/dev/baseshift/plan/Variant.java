package dev.baseshift.plan;

import dev.baseshift.advice.Finding;
import dev.baseshift.catalog.Tier;

import java.util.List;

/**
 * One candidate image: the original Dockerfile with the base stage's image swapped.
 *
 * @param base       the image reference the variant's base stage uses (expanded)
 * @param dockerfile the full rewritten Dockerfile text
 * @param original   true for the user's own Dockerfile (the baseline of every delta)
 * @param custom     true when the user supplied the base ({@code --base TIER=IMAGE})
 * @param repaired   true for a tier's repaired Dockerfile (BaseShift's patch over the plain variant)
 */
public record Variant(Tier tier, String base, String dockerfile, List<Finding> findings, boolean original,
                      boolean custom, boolean repaired) {
    public Variant {
        findings = List.copyOf(findings);
    }

    public Variant(Tier tier, String base, String dockerfile, List<Finding> findings, boolean original,
                   boolean custom) {
        this(tier, base, dockerfile, findings, original, custom, false);
    }

    /** The same tier and base with BaseShift's repaired Dockerfile. */
    public Variant repairedWith(String patchedDockerfile) {
        return new Variant(tier, base, patchedDockerfile, List.of(), false, custom, true);
    }

    /** What tables and charts call it: "slim", or "slim+fix" for the repaired one. */
    public String label() {
        return repaired ? tier.id() + "+fix" : tier.id();
    }

    /** The image tag's last part: "slim", "slim-repaired". */
    public String tagName() {
        return repaired ? tier.id() + "-repaired" : tier.id();
    }
}
