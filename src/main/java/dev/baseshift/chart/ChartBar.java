package dev.baseshift.chart;

import dev.baseshift.compare.LayerMeasure;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.VariantResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One bar of the layer chart: a variant with its layers, oldest first.
 *
 * @param label        the tier as the user reads it ("slim")
 * @param base         the base image reference
 * @param totalBytes   the image size (what {@code docker images} shows)
 * @param savedPercent saving against the original in percent (negative when larger), or null for the original itself
 * @param note         shown instead of a bar when nothing was built ("build failed"), else null
 * @param failsProbes  built, but at least one probe failed: the saving is not one the user can take
 * @param probesPassed probes that passed
 * @param probesTotal  enabled probes run on this variant (0 when none were); disabled (skipped) ones do not count, so
 *                     the chart, the table and the banner give the same "passed/run"
 */
public record ChartBar(String label, String base, List<LayerMeasure> layers, long totalBytes, Double savedPercent,
                       boolean original, boolean recommended, String note, boolean failsProbes, int probesPassed,
                       int probesTotal) {
    public ChartBar {
        layers = List.copyOf(layers);
    }

    /** A bar without probe results. */
    public ChartBar(String label, String base, List<LayerMeasure> layers, long totalBytes, Double savedPercent,
                    boolean original, boolean recommended, String note) {
        this(label, base, layers, totalBytes, savedPercent, original, recommended, note, false, 0, 0);
    }

    /** "✗ 0/3 probes pass" for a built variant that fails a probe, else empty. */
    public String probeNote() {
        return failsProbes ? "✗ " + probesPassed + "/" + probesTotal + " probes pass" : "";
    }

    public long baseBytes() {
        return layers.stream().filter(LayerMeasure::fromBase).mapToLong(LayerMeasure::sizeBytes).sum();
    }

    public long appBytes() {
        return layers.stream().filter(l -> !l.fromBase()).mapToLong(LayerMeasure::sizeBytes).sum();
    }

    /**
     * Bars for variant results in the order given; savings are measured against the original variant when it was
     * built.
     *
     * @param recommendedTier id of the recommended tier, or null
     */
    public static List<ChartBar> of(List<VariantResult> results, String recommendedTier) {
        Optional<VariantResult> original = results.stream()
                .filter(r -> r.original() && r.built()).findFirst();
        List<ChartBar> bars = new ArrayList<>();
        for (VariantResult r : results) {
            String label = r.label();
            boolean recommended = label.equals(recommendedTier);
            if (!r.built()) {
                bars.add(new ChartBar(label, r.base(), List.of(), 0, null, r.original(),
                        recommended, r.status().id().replace('-', ' ')));
                continue;
            }
            Double saved = null;
            if (!r.original() && original.isPresent() && original.get().sizeBytes() > 0) {
                long o = original.get().sizeBytes();
                saved = (o - r.sizeBytes()) * 100.0 / o;
            }
            bars.add(new ChartBar(label, r.base(), r.layers(), r.sizeBytes(), saved,
                    r.original(), recommended, null, !r.passesAll(), (int) r.probesPassed(), probesRun(r)));
        }
        return bars;
    }

    /** Probes that ran: a disabled probe is reported as skipped and is not part of the count. */
    public static int probesRun(VariantResult r) {
        return (int) r.probes().stream().filter(p -> p.outcome() != ProbeOutcome.SKIPPED).count();
    }
}
