package dev.baseshift.report;

import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.ProbeResult;
import dev.baseshift.compare.RepairOutcome;
import dev.baseshift.compare.VariantResult;
import dev.baseshift.compare.VariantStatus;
import dev.baseshift.diagnosis.Diagnosis;
import dev.baseshift.diagnosis.RepairPatch;
import org.junit.jupiter.api.Test;

import java.util.List;

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

    @Test
    void aProvenRepairSaysWhyTheVariantFailedAndShowsTheFixAsADiff() {
        ComparisonResult plain = ReportFixtures.numpyApp();
        VariantResult slim = plain.variants().get(1);
        String fixed = "FROM bsfixture/py:slim\nRUN apt-get install -y python3-numpy\n";
        VariantResult rebuilt = new VariantResult(slim.variant().repairedWith(fixed), VariantStatus.BUILT, "sha256:r",
                "baseshift/app:slim-repaired", 200_000_000L, 140_000_000L, 60_000_000L, 9.0, null, List.of(),
                List.of(new ProbeResult("import numpy", "python3 -c 'import numpy'", ProbeOutcome.PASS, 0, 0.4, "")));
        Diagnosis numpy = new Diagnosis(Diagnosis.Kind.MISSING_PYTHON_MODULE,
                "ModuleNotFoundError: No module named 'numpy'", "numpy", new Diagnosis.Provider(
                "/usr/lib/python3/dist-packages/numpy/__init__.py", "python3-numpy", "dpkg", "1:1.24.2"), 0, "numpy");
        RepairPatch patch = new RepairPatch(fixed, "--- Dockerfile.slim\n+++ Dockerfile.slim (repaired)\n"
                + "+RUN apt-get install -y python3-numpy\n", List.of(new RepairPatch.Hunk(2, "adds python3-numpy")),
                List.of());
        RepairOutcome proven = new RepairOutcome(Tier.SLIM, List.of(numpy), patch,
                List.of(new RepairOutcome.Attempt(1, patch, rebuilt, List.of())), "proven in round 1: passes 1/1 probe");
        RepairOutcome failed = new RepairOutcome(Tier.SCRATCH, List.of(), null, List.of(),
                "not repaired: no fix is known for no diagnosis");

        String md = MarkdownReport.render(plain.withRepairs(List.of(proven, failed)));

        assertThat(md).contains("### Why slim failed, and the fix that passes\n\nRepair of slim: proven in round 1")
                .contains("- missing-python-module `numpy` — the original has "
                        + "`/usr/lib/python3/dist-packages/numpy/__init__.py` from dpkg `python3-numpy 1:1.24.2`: "
                        + "`ModuleNotFoundError: No module named 'numpy'`")
                .contains("```diff\n--- Dockerfile.slim\n+++ Dockerfile.slim (repaired)\n+RUN apt-get install")
                .contains("### Why scratch failed\n\nRepair of scratch: not repaired")
                .doesNotContain("Why scratch failed, and the fix");
        assertThat(md).contains("**Recommendation: slim+fix**");
    }
}
