package dev.baseshift.dockerfile;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every golden Dockerfile of the parser's corpus, every stage that starts from an image: after the swap the parser
 * sees the same instructions on the same lines, and every byte outside the rewritten FROM is the original's.
 */
class FromRewriterCorpusTest {
    private static final String MARKER = "registry.test/marker:1";

    @TestFactory
    Stream<DynamicTest> onlyTheImageOfTheRewrittenFromChanges() {
        return GoldenParseTest.cases("golden").stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            String text = GoldenParseTest.read(dir.resolve("Dockerfile"));
            Dockerfile original = DockerfileParser.parse("Dockerfile", text);
            StageGraph graph = StageGraph.of(original, Map.of(), null);
            for (Stage stage : graph.stages()) {
                if (!stage.fromImage()) continue;
                String rewritten = FromRewriter.rewrite(original, stage, MARKER, graph.args());
                Dockerfile after = DockerfileParser.parse("Dockerfile", rewritten);
                StageGraph afterGraph = StageGraph.of(after, Map.of(), null);

                Stage changed = afterGraph.stages().get(stage.index());
                assertThat(changed.baseText()).isEqualTo(MARKER);
                assertThat(changed.name()).isEqualTo(stage.name());
                assertThat(changed.from().flags()).isEqualTo(stage.from().flags());
                assertThat(after.instructions()).hasSameSizeAs(original.instructions());
                for (int i = 0; i < original.instructions().size(); i++) {
                    Instruction was = original.instructions().get(i);
                    Instruction now = after.instructions().get(i);
                    assertThat(now.startLine()).isEqualTo(was.startLine());
                    assertThat(now.endLine()).isEqualTo(was.endLine());
                    if (was != stage.from()) {
                        assertThat(now.arguments()).isEqualTo(was.arguments());
                    }
                }
                Instruction from = stage.from();
                int growth = rewritten.length() - text.length();
                assertThat(rewritten.substring(0, from.startOffset())).isEqualTo(text.substring(0, from.startOffset()));
                assertThat(rewritten.substring(from.endOffset() + growth)).isEqualTo(text.substring(from.endOffset()));
                assertThat(growth).isEqualTo(MARKER.length() - stage.baseText().length());
            }
        }));
    }
}
