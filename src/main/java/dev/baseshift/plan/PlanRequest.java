package dev.baseshift.plan;

import dev.baseshift.catalog.Tier;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to plan.
 *
 * @param dockerfile    relative path of the Dockerfile in the project, or null to find it
 * @param buildArgs     {@code --build-arg} values
 * @param target        {@code --target} stage, or null for the last stage
 * @param baseOverrides {@code --base TIER=IMAGE}; win over the project's .baseshift.json and the catalog
 * @param extraProbes   {@code --probe} values (source "user")
 * @param tiers         tiers to include besides the original; null or every tier = every tier the family has
 *                      (scratch named among fewer is offered for any family)
 */
public record PlanRequest(Path projectDir, String dockerfile, Map<String, String> buildArgs, String target,
                          Map<Tier, String> baseOverrides, List<Probe> extraProbes, Set<Tier> tiers) {
    public PlanRequest {
        buildArgs = Map.copyOf(buildArgs);
        baseOverrides = Map.copyOf(baseOverrides);
        extraProbes = List.copyOf(extraProbes);
        tiers = tiers == null ? null : Set.copyOf(tiers);
    }

    public static PlanRequest of(Path projectDir) {
        return new PlanRequest(projectDir, null, Map.of(), null, Map.of(), List.of(), null);
    }
}
