package dev.baseshift.chart;

import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.LayerMeasure;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.ProbeResult;
import dev.baseshift.compare.VariantResult;
import dev.baseshift.compare.VariantStatus;
import dev.baseshift.plan.Variant;

import java.util.ArrayList;
import java.util.List;

/** Variant results shaped like real ones, for chart and report tests. */
public final class ChartSamples {
    private ChartSamples() {}

    /** A built variant with {@code baseLayers} base layers then {@code appLayers} app layers of the given sizes. */
    public static VariantResult built(Tier tier, String base, boolean original, long baseLayerBytes, int baseLayers,
                                      long appLayerBytes, int appLayers) {
        List<LayerMeasure> layers = new ArrayList<>();
        int i = 0;
        for (int b = 0; b < baseLayers; b++) {
            layers.add(new LayerMeasure(i++, "<missing>", baseLayerBytes, "/bin/sh -c #(nop) ADD file:base" + b, true));
        }
        for (int a = 0; a < appLayers; a++) {
            layers.add(new LayerMeasure(i++, "sha256:" + a, appLayerBytes, "RUN pip install step " + a, false));
        }
        long base0 = baseLayerBytes * baseLayers;
        long app = appLayerBytes * appLayers;
        return new VariantResult(new Variant(tier, base, "FROM " + base + "\n", List.of(), original, false),
                VariantStatus.BUILT, "sha256:img" + tier.id(), "baseshift/demo:" + tier.id(), base0 + app, base0, app,
                12.5, null, layers, List.of());
    }

    public static VariantResult failed(Tier tier, String base) {
        return new VariantResult(new Variant(tier, base, "FROM " + base + "\n", List.of(), false, false),
                VariantStatus.BUILD_FAILED, null, null, 0, 0, 0, 3.0, "apt-get: not found", List.of(), List.of());
    }

    /** The same variant with {@code passed} of {@code total} probes passing (the rest failing). */
    public static VariantResult withProbes(VariantResult r, int passed, int total) {
        List<ProbeResult> probes = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            boolean pass = i < passed;
            probes.add(new ProbeResult("probe " + i, "python3 -c 'import m" + i + "'",
                    pass ? ProbeOutcome.PASS : ProbeOutcome.FAIL, pass ? 0 : 1, 0.4,
                    pass ? "" : "ModuleNotFoundError: No module named 'm" + i + "'"));
        }
        return new VariantResult(r.variant(), r.status(), r.imageId(), r.tag(), r.sizeBytes(), r.baseSizeBytes(),
                r.appSizeBytes(), r.buildSeconds(), r.error(), r.layers(), probes);
    }

    public static List<VariantResult> pythonFamily() {
        return List.of(
                built(Tier.FULL, "python:3.12-trixie", true, 40_000_000, 5, 10_000_000, 3),
                built(Tier.SLIM, "python:3.12-slim-trixie", false, 15_000_000, 4, 10_000_000, 3),
                failed(Tier.ALPINE, "python:3.12-alpine"),
                built(Tier.DISTROLESS, "gcr.io/distroless/python3-debian13", false, 5_000_000, 3, 10_000_000, 3));
    }
}
