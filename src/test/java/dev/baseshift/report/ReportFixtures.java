package dev.baseshift.report;

import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.compare.EngineSummary;
import dev.baseshift.compare.LayerMeasure;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.ProbeResult;
import dev.baseshift.compare.Recommender;
import dev.baseshift.compare.VariantResult;
import dev.baseshift.compare.VariantStatus;
import dev.baseshift.plan.BaseInfo;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.Variant;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A comparison as the service would produce it for a numpy app on full/slim/distroless/scratch. */
final class ReportFixtures {
    private ReportFixtures() {}

    static Variant variant(Tier tier, String base, boolean original) {
        return new Variant(tier, base, "FROM " + base + "\n", List.of(), original, false);
    }

    static ComparisonResult numpyApp() {
        List<LayerMeasure> fullLayers = List.of(
                new LayerMeasure(0, "<missing>", 1_000_000_000L, "/bin/sh -c #(nop) ADD file:abc in / ", true),
                new LayerMeasure(1, "sha256:1", 100_000_000L, "=HYPERLINK(\"http://evil\")", false));
        List<LayerMeasure> distrolessLayers = List.of(
                new LayerMeasure(0, "<missing>", 280_000_000L, "bazel build ...", true),
                new LayerMeasure(1, "sha256:2", 7_700_000L, "COPY . /app # buildkit", false));
        ProbeResult numpyPass = new ProbeResult("import numpy", "python3 -c 'import numpy'", ProbeOutcome.PASS, 0, 0.4, "");
        ProbeResult numpyFail = new ProbeResult("import numpy", "python3 -c 'import numpy'", ProbeOutcome.FAIL, 1, 0.3,
                "ModuleNotFoundError: No module named 'numpy'");
        ProbeResult appPass = new ProbeResult("app", "(image entrypoint)", ProbeOutcome.PASS, 0, 0.5, "ok");
        ProbeResult appTimeout = new ProbeResult("app", "(image entrypoint)", ProbeOutcome.ERROR, null, 30, "timed out after 30 s");
        List<VariantResult> results = List.of(
                new VariantResult(variant(Tier.FULL, "bsfixture/py:full", true), VariantStatus.BUILT, "sha256:f",
                        "baseshift/app:full", 1_100_000_000L, 1_000_000_000L, 100_000_000L, 12.25, null, fullLayers,
                        List.of(numpyPass, appPass)),
                new VariantResult(variant(Tier.SLIM, "bsfixture/py:slim", false), VariantStatus.BUILT, "sha256:s",
                        "baseshift/app:slim", 150_000_000L, 140_000_000L, 10_000_000L, 3.5, null, List.of(),
                        List.of(numpyFail, appTimeout)),
                new VariantResult(variant(Tier.DISTROLESS, "bsfixture/py:distroless", false), VariantStatus.BUILT,
                        "sha256:d", "baseshift/app:distroless", 287_700_000L, 280_000_000L, 7_700_000L, 2.0, null,
                        distrolessLayers, List.of(numpyPass, appPass)),
                new VariantResult(variant(Tier.SCRATCH, "scratch", false), VariantStatus.BUILD_FAILED, null, null, 0, 0,
                        0, 0.2, "@SUM(1+1) The command '/bin/sh -c pip install' returned a non-zero code: 127\nmore",
                        List.of(), List.of()));
        Plan plan = new Plan(Path.of("/tmp/numpy-app"), "Dockerfile", null, null,
                new BaseInfo("bsfixture/py:full", null, Tier.FULL, null),
                results.stream().map(VariantResult::variant).toList(), List.of(), Map.of(), null);
        return new ComparisonResult(plan, results, Recommender.recommend(results),
                new EngineSummary("Docker Engine", "20.10.24", "1.41", "unix:///var/run/docker.sock"));
    }
}
