package dev.baseshift.compare;

import dev.baseshift.dockerfile.DockerfileParser;
import dev.baseshift.dockerfile.Instruction;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LabelStepTest {
    private static final Map<String, String> LABELS = new LinkedHashMap<>(Map.of("dev.baseshift.session", "0d4c-9a"));

    static {
        LABELS.put("dev.baseshift.project", "numpy-app");
    }

    @Test
    void oneLabelInstructionClosesTheLastStage() throws Exception {
        String text = "FROM a AS build\nRUN make\nFROM b\nCOPY --from=build /x /x\nCMD [\"/x\"]\n";
        String out = LabelStep.append("Dockerfile", text, Map.of(), null, LABELS);
        assertThat(out).isEqualTo("FROM a AS build\nRUN make\nFROM b\nCOPY --from=build /x /x\nCMD [\"/x\"]\n"
                + "LABEL dev.baseshift.session=\"0d4c-9a\" dev.baseshift.project=\"numpy-app\"\n");
        Instruction label = DockerfileParser.parse("D", out).instructions().get(5);
        assertThat(label.keyword()).isEqualTo("LABEL");
    }

    @Test
    void withATargetTheLabelClosesTheTargetStageNotTheFile() {
        String text = "FROM a AS app\r\nRUN make\r\n\r\nFROM b AS debug\r\nRUN echo\r\n";
        assertThat(LabelStep.append("Dockerfile", text, Map.of(), "app", LABELS)).isEqualTo(
                "FROM a AS app\r\nRUN make\r\nLABEL dev.baseshift.session=\"0d4c-9a\" dev.baseshift.project=\"numpy-app\""
                        + "\r\n\r\nFROM b AS debug\r\nRUN echo\r\n");
    }

    @Test
    void heredocsAndFilesWithoutFinalNewlineKeepTheirBodies() throws Exception {
        String text = "FROM a\nRUN <<EOF\necho hi\nEOF";
        String out = LabelStep.append("Dockerfile", text, Map.of(), null, LABELS);
        assertThat(out).startsWith(text + "\nLABEL ");
        assertThat(DockerfileParser.parse("D", out).instructions()).extracting(Instruction::keyword)
                .containsExactly("FROM", "RUN", "LABEL");
    }

    @Test
    void fallsBackWhereAnAppendedLineWouldBeSwallowedOrQuotingWouldBeNeeded() {
        assertThat(LabelStep.append("Dockerfile", "FROM a\nRUN echo \\", Map.of(), null, LABELS)).isNull();
        assertThat(LabelStep.append("Dockerfile", "FROM a\n", Map.of(), null, Map.of("k", "a b"))).isNull();
        assertThat(LabelStep.append("Dockerfile", "NOT A DOCKERFILE", Map.of(), null, LABELS)).isNull();
    }
}
