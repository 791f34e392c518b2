package dev.baseshift.dockerfile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Behaviour the golden dump does not show: exact offsets for splicing, record fields, error wording. */
class DockerfileParserTest {

    @Test
    void offsetsCoverExactlyTheInstructionInCrlfText() throws Exception {
        String text = "# syntax=docker/dockerfile:1\r\n"
                + "FROM python:3.12 AS app\r\n"
                + "  RUN pip install \\\r\n"
                + "      flask\r\n"
                + "COPY <<EOF /app.py\r\n"
                + "print('hi')\r\n"
                + "EOF\r\n"
                + "CMD [\"python\", \"/app.py\"]";
        Dockerfile file = DockerfileParser.parse("Dockerfile", text);
        List<String> spans = file.instructions().stream()
                .map(file::sourceOf).toList();
        assertThat(spans).containsExactly(
                "FROM python:3.12 AS app",
                "RUN pip install \\\r\n      flask",
                "COPY <<EOF /app.py\r\nprint('hi')\r\nEOF",
                "CMD [\"python\", \"/app.py\"]");
        assertThat(file.instructions()).extracting(Instruction::startLine).containsExactly(2, 3, 5, 8);
        assertThat(file.instructions()).extracting(Instruction::endLine).containsExactly(2, 4, 7, 8);
    }

    @Test
    void splicingTheFromSpanChangesOnlyThatInstruction() throws Exception {
        String text = "ARG V=3.12\nFROM --platform=linux/amd64 python:${V} AS app\nRUN true\n";
        Dockerfile file = DockerfileParser.parse("Dockerfile", text);
        Instruction from = file.instructions().get(1);
        String rewritten = text.substring(0, from.startOffset()) + "FROM python:${V}-slim AS app"
                + text.substring(from.endOffset());
        assertThat(rewritten).isEqualTo("ARG V=3.12\nFROM python:${V}-slim AS app\nRUN true\n");
    }

    @Test
    void bomIsSkippedButOffsetsStayInTheOriginalText() throws Exception {
        String text = "\uFEFFFROM busybox\n";
        Instruction from = DockerfileParser.parse("Dockerfile", text).instructions().get(0);
        assertThat(from.startOffset()).isEqualTo(1);
        assertThat(text.substring(from.startOffset(), from.endOffset())).isEqualTo("FROM busybox");
    }

    @Test
    void heredocRecordsTheirBodyAndLines() throws Exception {
        String text = "FROM busybox\nRUN <<-'EOT' sh\n\techo $HOME\n\t\tindented\n\tEOT\n";
        Heredoc h = DockerfileParser.parse("Dockerfile", text).instructions().get(1).heredocs().get(0);
        assertThat(h).isEqualTo(new Heredoc("EOT", true, false, "echo $HOME\nindented\n", 3, 5));
    }

    @Test
    void aHeredocMayHaveSpaceBetweenTheArrowsAndItsWordAsBuildKitAllows() throws Exception {
        String text = "FROM busybox\nRUN <<  EOF\necho hi\nEOF\nRUN <<- 'END' cat\n\tquoted $X\n\tEND\n";
        var ins = DockerfileParser.parse("Dockerfile", text).instructions();
        assertThat(ins).hasSize(3);
        assertThat(ins.get(1).heredocs()).containsExactly(new Heredoc("EOF", false, true, "echo hi\n", 3, 4));
        assertThat(ins.get(2).heredocs()).containsExactly(new Heredoc("END", true, false, "quoted $X\n", 6, 7));
    }

    @Test
    void flagsKeepOrderAndValues() throws Exception {
        Instruction copy = DockerfileParser.parse("Dockerfile",
                "FROM a AS b\nFROM c\nCOPY --link --from=b --chmod=644 x y\n").instructions().get(2);
        assertThat(copy.flags()).containsExactly(new Flag("link", null), new Flag("from", "b"),
                new Flag("chmod", "644"));
        assertThat(copy.flag("LINK")).contains("");
        assertThat(copy.flag("from")).contains("b");
        assertThat(copy.flag("chown")).isEmpty();
    }

    @Test
    void errorsNameTheFileAndLine() {
        DockerfileException e = catchThrowableOfType(DockerfileException.class,
                () -> DockerfileParser.parse("app/Dockerfile.prod", "FROM a\nRUN x \\\n  y\nFOO bar\n"));
        assertThat(e.getMessage()).isEqualTo("app/Dockerfile.prod:4: unknown instruction: FOO");
        assertThat(e.file()).isEqualTo("app/Dockerfile.prod");
    }

    @Test
    void nothingInsideAHeredocOrContinuationIsAnInstruction() throws Exception {
        String text = "FROM a\nRUN echo \\\n# FROM evil\n  ok\nRUN <<EOF\nFROM evil\nBOGUS\nEOF\n";
        Dockerfile file = DockerfileParser.parse("Dockerfile", text);
        assertThat(file.instructions()).extracting(Instruction::keyword).containsExactly("FROM", "RUN", "RUN");
    }

    @Test
    void escapeDirectiveIsRecorded() throws Exception {
        Dockerfile file = DockerfileParser.parse("Dockerfile", "# Escape = `\nFROM a\n");
        assertThat(file.escape()).isEqualTo('`');
        assertThat(file.directives()).containsExactly(new Directive("escape", "`", 1));
    }
}
