package dev.baseshift.plan;

import java.util.List;

/**
 * A command run inside a built variant, judged by its exit code. {@code argv} is exec form: it is not run through a
 * shell unless the user wrote {@code sh -c}. An empty argv means "run the image's own ENTRYPOINT/CMD".
 *
 * @param source  where it came from: "suggested", "project" (.baseshift.json), "user", or "default"
 */
public record Probe(String name, List<String> argv, String source, boolean enabled) {
    public Probe {
        argv = List.copyOf(argv);
    }

    /** The probe as a user would type it. */
    public String command() {
        return argv.isEmpty() ? "(image entrypoint)" : CommandLineSplitter.join(argv);
    }
}
