package dev.baseshift.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stages of a Dockerfile, the final stage (last, or {@code --target}) and the chain to its root.
 *
 * @param args global ARGs (declared before the first FROM) after applying build-arg overrides; values used to expand FROM
 *             together with the platform ARGs BuildKit defines ({@link #expansion()})
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
        Map<String, String> overrides = buildArgs == null ? Map.of() : buildArgs;
        Map<String, String> args = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        for (Instruction instruction : dockerfile.instructions()) {
            if (instruction.keyword().equals("ARG") && stages.isEmpty()) {
                declareGlobal(dockerfile, instruction, overrides, args);
            } else if (instruction.keyword().equals("FROM")) {
                stages.add(stage(dockerfile, instruction, stages, scope(args, overrides)));
            }
        }
        return new StageGraph(stages, finalStage(dockerfile, stages, target), args);
    }

    /** The platform ARGs (a build-arg of the same name wins), then the global ARGs over them. */
    private static Map<String, String> scope(Map<String, String> args, Map<String, String> overrides) {
        Map<String, String> scope = new LinkedHashMap<>(PlatformArgs.of(PlatformArgs.hostPlatform()));
        for (String k : List.copyOf(scope.keySet())) if (overrides.containsKey(k)) scope.put(k, overrides.get(k));
        scope.putAll(args);
        return scope;
    }

    /** What a FROM line is expanded with: the platform ARGs BuildKit defines, then the global ARGs. */
    public Map<String, String> expansion() {
        return scope(args, Map.of());
    }

    /** A global ARG: a build-arg overrides its default; one without either stays unset (expands to empty). */
    private static void declareGlobal(Dockerfile dockerfile, Instruction arg, Map<String, String> buildArgs,
                                      Map<String, String> args) throws DockerfileException {
        for (String word : Words.quoted(arg.arguments(), dockerfile.escape())) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            if (buildArgs.containsKey(name)) {
                args.put(name, buildArgs.get(name));
            } else if (eq >= 0) {
                args.put(name, expand(dockerfile, arg, word.substring(eq + 1), args));
            }
        }
    }

    private static Stage stage(Dockerfile dockerfile, Instruction from, List<Stage> earlier, Map<String, String> args)
            throws DockerfileException {
        List<String> words = Words.fields(from.arguments());
        String baseText = words.get(0);
        String name = words.size() == 3 ? words.get(2) : null;
        String base = expand(dockerfile, from, baseText, args);
        if (base.isEmpty()) {
            throw new DockerfileException(dockerfile.name(), from.startLine(),
                    "base image is empty after ARG expansion: " + baseText);
        }
        if (name != null) {
            for (Stage s : earlier) {
                if (name.equalsIgnoreCase(s.name())) {
                    throw new DockerfileException(dockerfile.name(), from.startLine(),
                            "duplicate stage name \"" + name + "\" (first used on line " + s.line() + ")");
                }
            }
        }
        return new Stage(earlier.size(), name, baseText, base, from.startLine(), parent(base, earlier), from);
    }

    /**
     * An earlier stage named like the base (case-insensitive); -1 for an image. A number is not a stage index
     * here: BuildKit pulls {@code FROM 0} as an image (only {@code COPY --from} takes indexes).
     */
    private static int parent(String base, List<Stage> earlier) {
        for (Stage s : earlier) {
            if (base.equalsIgnoreCase(s.name())) return s.index();
        }
        return -1;
    }

    private static int finalStage(Dockerfile dockerfile, List<Stage> stages, String target)
            throws DockerfileException {
        if (target == null || target.isBlank()) return stages.size() - 1;
        for (Stage s : stages) {
            if (target.equalsIgnoreCase(s.name())) return s.index();
        }
        String names = stages.stream().map(s -> s.name() == null ? "#" + s.index() + " (unnamed)" : s.name())
                .collect(Collectors.joining(", "));
        throw new DockerfileException(dockerfile.name(), stages.get(stages.size() - 1).line(),
                "target stage \"" + target + "\" could not be found; the stages are: " + names);
    }

    private static String expand(Dockerfile dockerfile, Instruction at, String word, Map<String, String> args)
            throws DockerfileException {
        try {
            return ArgExpander.expand(word, args, dockerfile.escape());
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(dockerfile.name(), at.startLine(), e.getMessage());
        }
    }

    /** The stage whose image becomes the base of the final image: the root of the final stage's chain. */
    public Stage baseStage() {
        Stage s = stages.get(finalStage);
        while (!s.fromImage()) s = stages.get(s.parentStage());
        return s;
    }
}
