package dev.baseshift.ui.results;

import dev.baseshift.catalog.Tier;
import dev.baseshift.chart.ChartBar;
import dev.baseshift.chart.ChartSamples;
import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.compare.EngineSummary;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.ProbeResult;
import dev.baseshift.compare.Recommender;
import dev.baseshift.compare.VariantResult;
import dev.baseshift.compare.VariantStatus;
import dev.baseshift.plan.Variant;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The results view model on its own: what the banner, chart, table, matrix and output panel say. */
class ResultsViewModelTest {
    private final ResultsViewModel vm = new ResultsViewModel();

    private static final EngineSummary ENGINE = new EngineSummary("Docker Engine", "20.10", "1.41", "unix:///var/run/docker.sock");

    private static ComparisonResult result(List<VariantResult> variants) {
        return new ComparisonResult(null, variants, Recommender.recommend(variants), ENGINE);
    }

    private static VariantResult withProbes(VariantResult r, ProbeResult... probes) {
        return new VariantResult(r.variant(), r.status(), r.imageId(), r.tag(), r.sizeBytes(), r.baseSizeBytes(),
                r.appSizeBytes(), r.buildSeconds(), r.error(), r.layers(), List.of(probes));
    }

    private static VariantResult as(VariantResult r, VariantStatus status, String error) {
        return new VariantResult(r.variant(), status, r.imageId(), r.tag(), r.sizeBytes(), r.baseSizeBytes(),
                r.appSizeBytes(), r.buildSeconds(), error, r.layers(), r.probes());
    }

    private static ProbeResult probe(String command, ProbeOutcome outcome) {
        return new ProbeResult(command, command, outcome, outcome == ProbeOutcome.PASS ? 0 : 1, 0.3,
                outcome == ProbeOutcome.SKIPPED ? "disabled" : outcome == ProbeOutcome.FAIL ? "\u001B[31mNo module named 'numpy'\u001B[0m" : "");
    }

    private static VariantResult failedBuild(Tier tier, String error) {
        String base = "python:3.12-" + tier.id();
        return new VariantResult(new Variant(tier, base, "FROM " + base + "\nRUN echo hi\nRUN apt-get update\n", List.of(),
                tier == Tier.FULL, false), VariantStatus.BUILD_FAILED, null, null, 0, 0, 0, 1.5, error, List.of(), List.of());
    }

    @Test
    void thePullSizeColumnIsTheBasesDownloadPlusTheVariantsOwnLayersWhereBothAreKnown() {
        List<VariantResult> family = ChartSamples.pythonFamily();
        VariantResult full = family.get(0);
        VariantResult slim = family.get(1);
        dev.baseshift.registry.BaseFacts slimBase = new dev.baseshift.registry.BaseFacts(slim.variant().base(),
                dev.baseshift.registry.BaseFacts.Source.REGISTRY, "sha256:ab", 41_000_000L, null, List.of("linux/amd64"),
                null, 4, null, "linux/amd64", true, true, false, null, null);
        ComparisonResult done = new ComparisonResult(null, List.of(full, slim), Recommender.recommend(List.of(full, slim)),
                ENGINE, List.of(), Map.of(slim.variant().label(), slimBase),
                Map.of(slim.variant().label(), 2_500_000L, full.variant().label(), 9_000_000L));
        vm.finish(done);
        ResultRow slimRow = vm.rows().stream().filter(r -> r.tier() == slim.tier()).findFirst().orElseThrow();
        ResultRow fullRow = vm.rows().stream().filter(r -> r.tier() == full.tier()).findFirst().orElseThrow();
        assertThat(slimRow.pullBytes()).isEqualTo(43_500_000L);
        // full's base download size is unknown (no registry answered): unknown, not its own layers alone
        assertThat(fullRow.pullBytes()).isNull();
        // while a comparison runs, nothing is claimed
        vm.update(List.of(full, slim), 2);
        assertThat(vm.rows()).allMatch(r -> r.pullBytes() == null);
    }

    @Test
    void chartTableAndBannerGiveOneProbeCountOfTheEnabledProbes() {
        List<VariantResult> family = ChartSamples.pythonFamily();
        VariantResult full = withProbes(family.get(0), probe("python3 -c 'import numpy'", ProbeOutcome.PASS),
                probe("python3 -c 'import json'", ProbeOutcome.PASS), probe("python3 app.py --self-test", ProbeOutcome.SKIPPED));
        VariantResult slim = withProbes(family.get(1), probe("python3 -c 'import numpy'", ProbeOutcome.FAIL),
                probe("python3 -c 'import json'", ProbeOutcome.PASS), probe("python3 app.py --self-test", ProbeOutcome.SKIPPED));
        vm.finish(result(List.of(full, slim)));

        ChartBar slimBar = vm.barsProperty().get().get(1);
        assertThat(slimBar.probeNote()).isEqualTo("✗ 1/2 probes pass");
        assertThat(vm.rows().get(1).probesText()).isEqualTo("1/2");
        assertThat(vm.rows().get(0).probesText()).isEqualTo("2/2");
        assertThat(vm.bannerProperty().get()).contains("passes 2/2 probes");
    }

    @Test
    void cancelIsItsOwnStateAndFinishedVariantsKeepTheirResults() {
        List<VariantResult> family = ChartSamples.pythonFamily();
        VariantResult full = withProbes(family.get(0), probe("python3 -c 'import numpy'", ProbeOutcome.PASS));
        VariantResult slim = withProbes(family.get(1), probe("python3 -c 'import numpy'", ProbeOutcome.PASS));
        // alpine built but its probe was stopped by the cancel; distroless never started
        VariantResult alpine = as(ChartSamples.built(Tier.ALPINE, "python:3.12-alpine", false, 5_000_000, 2, 1_000_000, 1),
                VariantStatus.CANCELLED, "cancelled");
        VariantResult distroless = new VariantResult(new Variant(Tier.DISTROLESS, "gcr.io/distroless/python3", "FROM x\n",
                List.of(), false, false), VariantStatus.CANCELLED, null, null, 0, 0, 0, 0, "cancelled", List.of(), List.of());
        vm.finish(result(List.of(full, slim, alpine, distroless)), true);

        assertThat(vm.bannerKindProperty().get()).isEqualTo(ResultsViewModel.BannerKind.CANCELLED);
        assertThat(vm.bannerProperty().get()).startsWith("Comparison cancelled — 2 of 4 variants finished (full, slim)")
                .contains("slim").doesNotContain("No variant qualifies").doesNotContain("fails");
        assertThat(vm.rows()).extracting(ResultRow::status).containsExactly(VariantStatus.BUILT, VariantStatus.BUILT,
                VariantStatus.CANCELLED, VariantStatus.CANCELLED);
        assertThat(vm.rows().get(1).sizeBytes()).isEqualTo(slim.sizeBytes());
        ResultsViewModel.MatrixRow alpineRow = vm.matrix().get(2);
        assertThat(alpineRow.symbol("python3 -c 'import numpy'")).isEqualTo("⊘");
        assertThat(alpineRow.style("python3 -c 'import numpy'")).isEqualTo("probe-cancelled");
        vm.showCell(alpineRow, "python3 -c 'import numpy'");
        assertThat(vm.probeDetailProperty().get()).contains("not run: cancelled");
        assertThat(vm.barsProperty().get().get(3).note()).isEqualTo("cancelled");
    }

    @Test
    void identicalBuildFailuresAreOneSentenceInTheBanner() {
        String error = "The command '/bin/sh -c apt-get update' returned a non-zero code: 100";
        List<VariantResult> all = List.of(failedBuild(Tier.FULL, error), failedBuild(Tier.SLIM, error),
                failedBuild(Tier.ALPINE, error), failedBuild(Tier.DISTROLESS, error));
        vm.setBuildLogs(t -> List.of("Err:1 http://deb.debian.org/debian bookworm InRelease",
                "  Temporary failure resolving 'deb.debian.org'", "\u001B[91mE: Unable to locate package curl\u001B[0m"));
        vm.finish(result(all));
        assertThat(vm.bannerKindProperty().get()).isEqualTo(ResultsViewModel.BannerKind.NO_WINNER);
        assertThat(vm.bannerProperty().get()).isEqualTo("No variant qualifies: all 4 variants fail at line 3:"
                + " `apt-get update` could not resolve deb.debian.org — no network in builds?.");
        // "not run" says why
        vm.showCell(vm.matrix().get(1), "python3 -c 'import numpy'");
        assertThat(vm.probeDetailProperty().get()).contains("not run: the build failed — could not resolve deb.debian.org");
    }

    @Test
    void aRowOpensThatVariantsLogAndProbeOutputsAndANewRunClearsThePanel() {
        List<VariantResult> family = ChartSamples.pythonFamily();
        VariantResult slim = withProbes(family.get(1), probe("python3 -c 'import numpy'", ProbeOutcome.FAIL));
        VariantResult alpine = family.get(2);
        Map<Tier, List<String>> logs = Map.of(Tier.SLIM, List.of("Step 1/2 : FROM python:3.12-slim", "\u001B[32mdone\u001B[0m"),
                Tier.ALPINE, List.of("Step 2/3 : RUN apt-get install -y gcc", "/bin/sh: apt-get: not found"));
        vm.setBuildLogs(t -> logs.getOrDefault(t, List.of()));
        vm.finish(result(List.of(family.get(0), slim, alpine)));

        vm.showVariant(Tier.SLIM);
        assertThat(vm.probeDetailProperty().get()).startsWith("slim · python:3.12-slim-trixie · built")
                .contains("✗ python3 -c 'import numpy' → fail (exit 1)").contains("No module named 'numpy'")
                .contains("Build log:").contains("\ndone").doesNotContain("\u001B");
        vm.showVariant(Tier.ALPINE);
        assertThat(vm.probeDetailProperty().get()).contains("build-failed").contains("apt-get: command not found")
                .contains("Probes not run: the build failed");

        vm.clear(); // Compare pressed again
        assertThat(vm.probeDetailProperty().get()).isEmpty();
        assertThat(vm.layerDetailProperty().get()).isEmpty();
    }
}
