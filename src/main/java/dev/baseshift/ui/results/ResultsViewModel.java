package dev.baseshift.ui.results;

import dev.baseshift.chart.ChartBar;
import dev.baseshift.chart.LayerChart;
import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.compare.LayerMeasure;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.ProbeResult;
import dev.baseshift.compare.Recommendation;
import dev.baseshift.compare.Sizes;
import dev.baseshift.compare.VariantResult;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Chart bars, table rows, probe matrix and the recommendation, from the variants finished so far. */
public final class ResultsViewModel {

    public enum BannerKind { NONE, WAITING, RECOMMENDED, NO_WINNER }

    /** One variant's probe outcomes by probe command (a missing entry = not run). */
    public record MatrixRow(String tier, Map<String, ProbeResult> outcomes) {}

    private final ReadOnlyObjectWrapper<List<ChartBar>> bars = new ReadOnlyObjectWrapper<>(this, "bars", List.of());
    private final ObservableList<ResultRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ResultRow> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> probeColumns = FXCollections.observableArrayList();
    private final ObservableList<String> probeColumnsReadOnly = FXCollections.unmodifiableObservableList(probeColumns);
    private final ObservableList<MatrixRow> matrix = FXCollections.observableArrayList();
    private final ObservableList<MatrixRow> matrixReadOnly = FXCollections.unmodifiableObservableList(matrix);
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper(this, "banner", "");
    private final ReadOnlyObjectWrapper<BannerKind> bannerKind = new ReadOnlyObjectWrapper<>(this, "bannerKind", BannerKind.NONE);
    private final ReadOnlyStringWrapper layerDetail = new ReadOnlyStringWrapper(this, "layerDetail", "");
    private final ReadOnlyStringWrapper probeDetail = new ReadOnlyStringWrapper(this, "probeDetail", "");
    private final ReadOnlyObjectWrapper<ComparisonResult> result = new ReadOnlyObjectWrapper<>(this, "result");

    public ReadOnlyObjectProperty<List<ChartBar>> barsProperty() { return bars.getReadOnlyProperty(); }
    public ObservableList<ResultRow> rows() { return rowsReadOnly; }
    public ObservableList<String> probeColumns() { return probeColumnsReadOnly; }
    public ObservableList<MatrixRow> matrix() { return matrixReadOnly; }
    public ReadOnlyStringProperty bannerProperty() { return banner.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<BannerKind> bannerKindProperty() { return bannerKind.getReadOnlyProperty(); }
    /** The clicked chart segment, described. */
    public ReadOnlyStringProperty layerDetailProperty() { return layerDetail.getReadOnlyProperty(); }
    /** The clicked probe cell: command, outcome, exit code and output. */
    public ReadOnlyStringProperty probeDetailProperty() { return probeDetail.getReadOnlyProperty(); }
    /** The finished comparison (what the exports write), null while running. */
    public ReadOnlyObjectProperty<ComparisonResult> resultProperty() { return result.getReadOnlyProperty(); }

    /** Clears everything (a new comparison or project). */
    public void clear() {
        result.set(null);
        show(List.of(), null);
        banner.set("");
        bannerKind.set(BannerKind.NONE);
    }

    /** Variants finished so far of {@code expected}; results show before the slowest variant ends. */
    public void update(List<VariantResult> finished, int expected) {
        result.set(null);
        show(finished, null);
        int left = expected - finished.size();
        bannerKind.set(BannerKind.WAITING);
        banner.set(left > 0 ? finished.size() + " of " + expected + " variants done; the recommendation follows when all are."
                : "Finishing…");
    }

    public void finish(ComparisonResult done) {
        show(done.variants(), done.recommendation());
        result.set(done);
        Recommendation rec = done.recommendation();
        if (rec != null && rec.present()) {
            bannerKind.set(BannerKind.RECOMMENDED);
            Optional<VariantResult> v = done.variants().stream().filter(r -> r.variant().tier() == rec.tier()).findFirst();
            banner.set("Recommended: " + rec.tier().id() + v.map(r -> " (" + r.variant().base() + ", "
                    + Sizes.format(r.sizeBytes()) + ")").orElse("") + " — " + rec.reason());
        } else {
            bannerKind.set(BannerKind.NO_WINNER);
            banner.set("No variant qualifies" + (rec != null && rec.reason() != null ? ": " + rec.reason() : "."));
        }
    }

    private void show(List<VariantResult> results, Recommendation rec) {
        List<VariantResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingInt(r -> r.variant().tier().ordinal()));
        String recommended = rec != null && rec.present() ? rec.tier().id() : null;
        bars.set(ChartBar.of(ordered, recommended));

        Optional<VariantResult> original = ordered.stream().filter(r -> r.variant().original() && r.built()).findFirst();
        List<ResultRow> table = new ArrayList<>();
        Map<String, Boolean> columns = new LinkedHashMap<>();
        List<MatrixRow> cells = new ArrayList<>();
        for (VariantResult r : ordered) {
            Long delta = null;
            Double pct = null;
            if (r.built() && original.isPresent()) {
                long o = original.get().sizeBytes();
                delta = r.sizeBytes() - o;
                pct = o == 0 ? null : delta * 100.0 / o;
            }
            int run = (int) r.probes().stream().filter(p -> p.outcome() != ProbeOutcome.SKIPPED).count();
            table.add(new ResultRow(r.variant().tier(), r.variant().base(), r.status(),
                    r.built() ? r.sizeBytes() : null, delta, pct, r.built() ? r.baseSizeBytes() : null,
                    r.built() ? r.appSizeBytes() : null, r.built() ? r.layers().size() : null,
                    r.buildSeconds() > 0 ? r.buildSeconds() : null, (int) r.probesPassed(), run,
                    r.variant().tier().id().equals(recommended), r.error()));
            Map<String, ProbeResult> byCommand = new LinkedHashMap<>();
            for (ProbeResult p : r.probes()) {
                columns.put(p.command(), true);
                byCommand.put(p.command(), p);
            }
            cells.add(new MatrixRow(r.variant().tier().id(), byCommand));
        }
        rows.setAll(table);
        probeColumns.setAll(columns.keySet());
        matrix.setAll(cells);
    }

    /** ✓ pass, ✗ fail, ⚠ error, – skipped or not run. */
    public static String symbol(ProbeResult p) {
        if (p == null) return "–";
        return switch (p.outcome()) {
            case PASS -> "✓";
            case FAIL -> "✗";
            case ERROR -> "⚠";
            case SKIPPED -> "–";
        };
    }

    public void showLayer(LayerChart.SelectedLayer selected) {
        if (selected == null) {
            layerDetail.set("");
            return;
        }
        LayerMeasure l = selected.layer();
        layerDetail.set(selected.bar().label() + ", layer " + (l.index() + 1) + " of " + selected.bar().layers().size()
                + " — " + Sizes.format(l.sizeBytes()) + (l.fromBase() ? ", from the base image" : ", your layer")
                + "\n" + (l.createdBy() == null ? "" : l.createdBy().strip()));
    }

    public void showProbe(String tier, ProbeResult p) {
        if (p == null) {
            probeDetail.set(tier + ": not run");
            return;
        }
        probeDetail.set(tier + " · " + p.command() + " → " + p.outcome().id()
                + (p.exitCode() != null ? " (exit " + p.exitCode() + ")" : "")
                + String.format(Locale.ROOT, " in %.1f s", p.seconds())
                + (p.output() == null || p.output().isBlank() ? "" : "\n" + p.output().strip()));
    }
}
