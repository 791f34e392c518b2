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
 */
public record Variant(Tier tier, String base, String dockerfile, List<Finding> findings, boolean original,
                      boolean custom) {
    public Variant {
        findings = List.copyOf(findings);
    }
}
