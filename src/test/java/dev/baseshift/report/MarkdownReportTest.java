package dev.baseshift.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTest {

    @Test
    void aPullRequestCommentWithTableRecommendationAndProbeMatrix() {
        String md = MarkdownReport.render(ReportFixtures.numpyApp());

        assertThat(md).startsWith("### BaseShift: numpy-app (`Dockerfile`)\n\n"
                + "**Recommendation: distroless** — distroless saves 812MB (74%) vs full and passes 2/2 probes\n\n");
        assertThat(md).contains(
                "| full (original) | `bsfixture/py:full` | built | 1.1GB | ±0B | 1GB | 100MB | 2 | 12.3 s | 2/2 |\n",
                "| slim | `bsfixture/py:slim` | built | 150MB | −950MB (−86%) | 140MB | 10MB | 0 | 3.5 s | 0/2 |\n",
                "| **distroless** ⭐ | `bsfixture/py:distroless` | built | 288MB | −812MB (−74%) | 280MB | 7.7MB | 2 "
                        + "| 2.0 s | 2/2 |\n",
                "| scratch | `scratch` | build-failed | – | – | – | – | – | 0.2 s | – |\n");
        assertThat(md).contains("| Probe | full | slim | distroless | scratch |\n|---|:-:|:-:|:-:|:-:|\n"
                + "| `python3 -c 'import numpy'` | ✓ | ✗ | ✓ | – |\n"
                + "| `(image entrypoint)` | ✓ | ⚠ | ✓ | – |\n");
        assertThat(md).contains("- **scratch** build-failed: @SUM(1+1) The command '/bin/sh -c pip install' "
                + "returned a non-zero code: 127\n");
        assertThat(md).doesNotContain("more");
        // every table row has the same number of cells
        md.lines().filter(l -> l.startsWith("| ") && l.contains("(original)"))
                .forEach(l -> assertThat(l.split("(?<!\\\\)\\|", -1)).hasSize(12));
    }

    @Test
    void deltasUseDockerUnitsAndSigns() {
        assertThat(MarkdownReport.delta(287_700_000L, 1_100_000_000L)).isEqualTo("−812MB (−74%)");
        assertThat(MarkdownReport.delta(1_103_100_000L, 1_100_000_000L)).isEqualTo("+3.1MB (+0.3%)");
        assertThat(MarkdownReport.delta(5, 5)).isEqualTo("±0B");
    }

    @Test
    void codeSpansKeepBackticksAndPipes() {
        assertThat(MarkdownReport.code("sh -c 'echo `date` | wc -c'")).isEqualTo("`` sh -c 'echo `date` \\| wc -c' ``");
        assertThat(MarkdownReport.code("python3 -c 'import numpy'")).isEqualTo("`python3 -c 'import numpy'`");
    }

    @Test
    void cellsCannotBreakTheTable() {
        assertThat(MarkdownReport.escape("a|b\nc <script>")).isEqualTo("a\\|b c &lt;script&gt;");
    }
}
