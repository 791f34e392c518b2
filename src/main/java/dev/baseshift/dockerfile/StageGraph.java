package dev.baseshift.dockerfile;

import java.util.List;
import java.util.Map;

/**
 * The stages of a Dockerfile, the final stage (last, or {@code --target}) and the chain to its root.
 *
 * @param args global ARGs (declared before the first FROM) after applying build-arg overrides; values used to expand FROM
 */
public record StageGraph(List<Stage> stages, int finalStage, Map<String, String> args) {

    public StageGraph {
        stages = List.copyOf(stages);
        args = Map.copyOf(args);
    }

    /**
     * @param buildArgs {@code --build-arg} overrides
     * @param target    stage name or null for the last stage
     */
    public static StageGraph of(Dockerfile dockerfile, Map<String, String> buildArgs, String target)
            throws DockerfileException {
        throw new DockerfileException(dockerfile.name(), 1, "pending");
    }

    /** The stage whose image becomes the base of the final image: the root of the final stage's chain. */
    public Stage baseStage() {
        Stage s = stages.get(finalStage);
        while (!s.fromImage()) s = stages.get(s.parentStage());
        return s;
    }
}
