package dev.baseshift.diagnosis;

import dev.baseshift.catalog.BaseTraits;
import dev.baseshift.catalog.Tier;
import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.DockerfileException;
import dev.baseshift.dockerfile.DockerfileParser;
import dev.baseshift.dockerfile.StageGraph;

import java.util.List;
import java.util.Map;

/**
 * What the {@link Repairer} needs to patch one variant. Always the plain variant (as planned, unpatched) with every
 * diagnosis so far: a later round passes the same plain Dockerfile with the new diagnoses added, so patches never stack.
 *
 * @param plain        the plain variant's Dockerfile (its text is what the patch splices)
 * @param graph        its stages (build args and target applied)
 * @param baseStage    index of the stage whose FROM the variant moved (normally {@code graph.baseStage().index()})
 * @param tier         the variant's tier
 * @param target       what the variant's base provides (shell, package manager apt|apk|null, libc, users)
 * @param originalBase the original's base image reference for that stage, e.g. {@code python:3.12}; the builder
 *                     stage of a restructured variant starts from it
 * @param diagnoses    why the variant failed (may be empty: a distroless/scratch variant is still restructured)
 * @param original     the original image's file index, or null when it was not indexed
 */
public record RepairRequest(Dockerfile plain, StageGraph graph, int baseStage, Tier tier, BaseTraits target,
                            String originalBase, List<Diagnosis> diagnoses, ImageFiles original) {
    public RepairRequest {
        diagnoses = List.copyOf(diagnoses);
        if (baseStage < 0 || baseStage >= graph.stages().size()) {
            throw new IllegalArgumentException("no stage " + baseStage + " in " + plain.name());
        }
    }

    /** Parses the plain variant's text; the base stage is the root of the final stage's chain. */
    public static RepairRequest of(String name, String plainText, Tier tier, BaseTraits target, String originalBase,
                                   List<Diagnosis> diagnoses, ImageFiles original) throws DockerfileException {
        Dockerfile d = DockerfileParser.parse(name, plainText);
        StageGraph g = StageGraph.of(d, Map.of(), null);
        return new RepairRequest(d, g, g.baseStage().index(), tier, target, originalBase, diagnoses, original);
    }
}
