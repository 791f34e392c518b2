package dev.baseshift.advice;

import dev.baseshift.catalog.BaseMatch;
import dev.baseshift.catalog.TierOption;
import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.StageGraph;

import java.util.List;

/** Predicts what breaks when the base stage moves to another tier. */
public final class Advisor {

    /**
     * @param original the user's Dockerfile
     * @param graph    its stages (the base stage is the one that moves)
     * @param from     what the catalog knows of the original base, or null when the family is unknown
     * @param target   the base the variant moves to
     * @return findings ordered by line
     */
    public List<Finding> advise(Dockerfile original, StageGraph graph, BaseMatch from, TierOption target) {
        return List.of();
    }
}
