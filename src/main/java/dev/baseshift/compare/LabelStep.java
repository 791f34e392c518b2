package dev.baseshift.compare;

import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.DockerfileException;
import dev.baseshift.dockerfile.DockerfileParser;
import dev.baseshift.dockerfile.Instruction;
import dev.baseshift.dockerfile.Stage;
import dev.baseshift.dockerfile.StageGraph;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The classic builder turns every label passed through the API into a build step of its own (a container created and
 * committed per label, about 150 ms each). One LABEL instruction after the last instruction of the stage being built
 * carries all of BaseShift's labels in a single step. The text is only what is sent to the engine; the user's file
 * and the variant shown to the user are unchanged.
 */
final class LabelStep {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

    private LabelStep() {}

    /**
     * @return the Dockerfile text with one LABEL instruction closing the built stage, or null when that cannot be done
     * safely (unparsable text, a value that would need quoting, a last line that continues) — the caller then passes
     * the labels through the API instead
     */
    static String append(String name, String text, Map<String, String> buildArgs, String target,
                         Map<String, String> labels) {
        if (labels.isEmpty()) return text;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!SAFE.matcher(e.getKey()).matches() || !SAFE.matcher(e.getValue()).matches()) return null;
        }
        Dockerfile dockerfile;
        StageGraph graph;
        try {
            dockerfile = DockerfileParser.parse(name, text);
            graph = StageGraph.of(dockerfile, buildArgs, target);
        } catch (DockerfileException e) {
            return null;
        }
        Stage built = graph.stages().get(graph.finalStage());
        int stageStart = built.from().startOffset();
        int nextStage = graph.finalStage() + 1 < graph.stages().size()
                ? graph.stages().get(graph.finalStage() + 1).from().startOffset() : Integer.MAX_VALUE;
        Instruction last = null;
        for (Instruction i : dockerfile.instructions()) {
            if (i.startOffset() >= stageStart && i.startOffset() < nextStage) last = i;
        }
        if (last == null) return null;
        int end = last.endOffset();
        int lineStart = text.lastIndexOf('\n', end - 1) + 1;
        String lastLine = text.substring(lineStart, end).stripTrailing();
        if (lastLine.endsWith(String.valueOf(dockerfile.escape()))) return null; // the next line would join it

        StringBuilder step = new StringBuilder(text.contains("\r\n") ? "\r\n" : "\n").append("LABEL");
        labels.forEach((k, v) -> step.append(' ').append(k).append("=\"").append(v).append('"'));
        return text.substring(0, end) + step + text.substring(end);
    }
}
