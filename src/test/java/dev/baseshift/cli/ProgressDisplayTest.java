package dev.baseshift.cli;

import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.ComparisonEvent;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.ProbeResult;
import dev.baseshift.compare.VariantResult;
import dev.baseshift.compare.VariantStatus;
import dev.baseshift.plan.Variant;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressDisplayTest {
    static final Variant FULL = new Variant(Tier.FULL, "py:full", "FROM py:full\n", List.of(), true, false);
    static final Variant SCRATCH = new Variant(Tier.SCRATCH, "scratch", "FROM scratch\n", List.of(), false, false);
    static final Variant SLIM = new Variant(Tier.SLIM, "py:slim", "FROM py:slim\n", List.of(), false, false);

    static void feed(ProgressDisplay d) {
        d.accept(new ComparisonEvent.VariantStarted(Tier.SLIM));
        d.accept(new ComparisonEvent.StatusChanged(Tier.SLIM, VariantStatus.BUILDING, "on py:slim"));
        d.accept(new ComparisonEvent.BuildLog(Tier.SLIM, "Step 2/5 : COPY . /app"));
        d.accept(new ComparisonEvent.BuildLog(Tier.SLIM, "warning: the build context is 1.0 GB in 3 files"));
        d.accept(new ComparisonEvent.BuildFinished(Tier.SLIM, true, 2.5, null));
        d.accept(new ComparisonEvent.ProbeFinished(Tier.SLIM, new ProbeResult("import numpy",
                "python3 -c 'import numpy'", ProbeOutcome.FAIL, 1, 0.3,
                "Traceback (most recent call last):\n  File \"<string>\", line 1\nModuleNotFoundError: No module named 'numpy'\n")));
        d.accept(new ComparisonEvent.VariantFinished(new VariantResult(SLIM, VariantStatus.BUILT, "sha256:1",
                "baseshift/x:slim", 150_000_000, 149_000_000, 1_000_000, 2.5, null, List.of(),
                List.of(new ProbeResult("import numpy", "", ProbeOutcome.FAIL, 1, 0.3, "")))));
        d.accept(new ComparisonEvent.VariantFinished(new VariantResult(FULL, VariantStatus.CANCELLED, null, null, 0,
                0, 0, 0, "cancelled by --timeout", List.of(), List.of())));
        d.accept(new ComparisonEvent.VariantStarted(Tier.SCRATCH));
        d.accept(new ComparisonEvent.BuildFinished(Tier.SCRATCH, false, 0.4, "exec: \"python3\": not found"));
        d.accept(new ComparisonEvent.VariantFinished(new VariantResult(SCRATCH, VariantStatus.BUILD_FAILED, null, null,
                0, 0, 0, 0.4, "exec: \"python3\": not found", List.of(), List.of())));
    }

    @Test
    void plainLinesForLogsSayWhatHappenedOnce() {
        StringWriter out = new StringWriter();
        feed(new ProgressDisplay(new PrintWriter(out), false, List.of(FULL, SLIM, SCRATCH)));

        assertThat(out.toString().lines()).containsExactly(
                "slim: building on py:slim",
                "slim: warning: the build context is 1.0 GB in 3 files",
                "slim: built in 2.5 s",
                "slim: probe import numpy: fail — ModuleNotFoundError: No module named 'numpy'",
                "slim: built — 150MB, probes 0/1 passed",
                "full: cancelled — cancelled by --timeout",
                // the cause of a failed build is said once, in the summary after the table
                "scratch: build failed (the cause follows in the summary)",
                "scratch: build-failed");
        assertThat(out.toString()).doesNotContain("\033[");
    }

    @Test
    void aTerminalGetsOneRedrawnLinePerVariant() {
        StringWriter out = new StringWriter();
        ProgressDisplay d = new ProgressDisplay(new PrintWriter(out), true, List.of(FULL, SLIM, SCRATCH));
        feed(d);
        d.accept(new ComparisonEvent.ComparisonFinished(null));

        String text = out.toString();
        assertThat(text).contains("\033[3F").contains("\033[2K");
        String lastFrame = text.substring(text.lastIndexOf("\033[3F") + 4);
        assertThat(lastFrame.split("\n")).hasSize(4); // three rows, then the warning printed below them
        assertThat(lastFrame).contains("full        cancelled").contains("slim        built")
                .contains("150MB, probes 0/1 passed").endsWith("slim: warning: the build context is 1.0 GB in 3 files\n");
    }
}
