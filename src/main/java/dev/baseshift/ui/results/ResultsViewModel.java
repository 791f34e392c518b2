package dev.baseshift.ui.results;

import dev.baseshift.chart.ChartBar;
import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.compare.FailureSummary;
import dev.baseshift.compare.LayerMeasure;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.ProbeResult;
import dev.baseshift.compare.Recommendation;
import dev.baseshift.compare.RepairOutcome;
import dev.baseshift.app.RepairText;
import dev.baseshift.compare.Sizes;
import dev.baseshift.compare.VariantResult;
import dev.baseshift.compare.VariantStatus;
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
import java.util.function.Function;
import java.util.stream.Collectors;

/** Chart bars, table rows, probe matrix and the recommendation, from the variants finished so far. */
public final class ResultsViewModel {

    public enum BannerKind { NONE, WAITING, RECOMMENDED, NO_WINNER, CANCELLED }

    /**
     * One variant's probe outcomes by probe command (a missing entry = not run).
     *
     * @param status how the variant ended: a cancelled variant's missing probes read "cancelled", not "not run"
     * @param notRun why its missing probes did not run, in words ("the build failed: …")
     */
    public record MatrixRow(String tier, Map<String, ProbeResult> outcomes, VariantStatus status, String notRun) {
        public MatrixRow(String tier, Map<String, ProbeResult> outcomes) {
            this(tier, outcomes, VariantStatus.BUILT, "not run");
        }

        /** A cell's symbol: the outcome's, or ⊘ for a probe the cancel stopped. */
        public String symbol(String command) {
            ProbeResult p = outcomes.get(command);
            if (p == null && status == VariantStatus.CANCELLED) return "⊘";
            return ResultsViewModel.symbol(p);
        }

        /** A cell's style: probe-pass/fail/error/skipped, probe-cancelled or probe-none. */
        public String style(String command) {
            ProbeResult p = outcomes.get(command);
            if (p != null) return "probe-" + p.outcome().id();
            return status == VariantStatus.CANCELLED ? "probe-cancelled" : "probe-none";
        }
    }

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
    /** The finished comparison whose rows are shown (its pull sizes), null while one runs. */
    private ComparisonResult finished;
    private Function<Tier, List<String>> buildLogs = tier -> List.of();
    private List<VariantResult> shown = List.of();

    public ReadOnlyObjectProperty<List<ChartBar>> barsProperty() { return bars.getReadOnlyProperty(); }
    public ObservableList<ResultRow> rows() { return rowsReadOnly; }
    public ObservableList<String> probeColumns() { return probeColumnsReadOnly; }
    public ObservableList<MatrixRow> matrix() { return matrixReadOnly; }
    public ReadOnlyStringProperty bannerProperty() { return banner.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<BannerKind> bannerKindProperty() { return bannerKind.getReadOnlyProperty(); }
    /** The clicked chart segment, described. */
    public ReadOnlyStringProperty layerDetailProperty() { return layerDetail.getReadOnlyProperty(); }
    /** The output panel: the clicked probe cell (command, outcome, exit code, output) or the clicked variant. */
    public ReadOnlyStringProperty probeDetailProperty() { return probeDetail.getReadOnlyProperty(); }
    /** The finished comparison (what the exports write), null while running. */
    public ReadOnlyObjectProperty<ComparisonResult> resultProperty() { return result.getReadOnlyProperty(); }

    /** Where the variants' build logs are (the run keeps them), for the root cause of a failure and the row detail. */
    public void setBuildLogs(Function<Tier, List<String>> logs) {
        buildLogs = logs == null ? tier -> List.of() : logs;
    }

    /** Clears everything (a new comparison or project), the output panel too. */
    public void clear() {
        result.set(null);
        finished = null;
        show(List.of(), null);
        banner.set("");
        bannerKind.set(BannerKind.NONE);
        layerDetail.set("");
        probeDetail.set("");
    }

    /** Variants finished so far of {@code expected}; results show before the slowest variant ends. */
    public void update(List<VariantResult> finished, int expected) {
        result.set(null);
        this.finished = null;
        show(finished, null);
        int left = expected - finished.size();
        bannerKind.set(BannerKind.WAITING);
        banner.set(left > 0 ? finished.size() + " of " + expected + " variants done; the recommendation follows when all are."
                : "Finishing…");
    }

    public void finish(ComparisonResult done) {
        finish(done, false);
    }

    /**
     * The whole comparison. {@code cancelled}: the user pressed Cancel all — a neutral banner, and the variants that
     * finished keep their results (the smallest of them that passes is named, not recommended).
     */
    public void finish(ComparisonResult done, boolean cancelled) {
        Recommendation rec = done.recommendation();
        finished = done;
        if (cancelled) {
            List<VariantResult> complete = done.variants().stream()
                    .filter(v -> v.status() == VariantStatus.BUILT || v.status() == VariantStatus.BUILD_FAILED).toList();
            show(done.variants(), null);
            result.set(done);
            bannerKind.set(BannerKind.CANCELLED);
            Optional<VariantResult> best = complete.stream().filter(VariantResult::passesAll)
                    .min(Comparator.comparingLong(VariantResult::sizeBytes));
            banner.set("Comparison cancelled — " + complete.size() + " of " + done.variants().size()
                    + " variants finished" + (complete.isEmpty() ? "." : " ("
                    + complete.stream().map(v -> v.tier().id()).collect(Collectors.joining(", ")) + ")")
                    + best.map(b -> "; the smallest of them that passes every probe: " + b.tier().id() + " ("
                    + Sizes.format(b.sizeBytes()) + ")").orElse(""));
            return;
        }
        show(done.variants(), rec);
        result.set(done);
        if (rec != null && rec.present()) {
            bannerKind.set(BannerKind.RECOMMENDED);
            Optional<VariantResult> v = done.variants().stream().filter(rec::isFor).findFirst();
            banner.set("Recommended: " + rec.label() + v.map(r -> " (" + r.variant().base() + ", "
                    + Sizes.format(r.sizeBytes()) + ")").orElse("") + " — " + rec.reason());
        } else {
            bannerKind.set(BannerKind.NO_WINNER);
            banner.set("No variant qualifies: " + whyNone(done.variants()));
        }
    }

    /** Each cause once: identical build failures are one sentence, led by the root-cause line. */
    private String whyNone(List<VariantResult> variants) {
        if (variants.isEmpty()) return "no variants were compared.";
        List<String> parts = new ArrayList<>();
        for (FailureSummary.Group g : FailureSummary.group(variants, buildLogs)) parts.add(g.sentence());
        for (VariantResult r : variants) {
            if (r.built() && !r.passesAll()) {
                parts.add(r.label() + " fails " + r.probes().stream()
                        .filter(p -> p.outcome() == ProbeOutcome.FAIL || p.outcome() == ProbeOutcome.ERROR)
                        .map(p -> p.name() + (p.outcome() == ProbeOutcome.ERROR ? " (error)" : ""))
                        .collect(Collectors.joining(", ")));
            } else if (r.status() == VariantStatus.CANCELLED || r.status() == VariantStatus.SKIPPED) {
                parts.add(r.label() + " was " + r.status().id());
            }
        }
        return String.join("; ", parts) + ".";
    }

    private void show(List<VariantResult> results, Recommendation rec) {
        List<VariantResult> ordered = new ArrayList<>(results);
        // each repaired variant right after its plain one
        ordered.sort(Comparator.<VariantResult>comparingInt(r -> r.variant().tier().ordinal())
                .thenComparing(r -> r.variant().repaired()));
        String recommended = rec != null && rec.present() ? rec.label() : null;
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
            int run = ChartBar.probesRun(r); // enabled probes only: the chart and the banner count the same
            table.add(new ResultRow(r.variant().tier(), r.label(), r.variant().repaired(), r.variant().base(), r.status(),
                    r.built() ? r.sizeBytes() : null, delta, pct, r.built() ? r.baseSizeBytes() : null,
                    r.built() ? r.appSizeBytes() : null, r.built() ? r.layers().size() : null,
                    r.buildSeconds() > 0 ? r.buildSeconds() : null, (int) r.probesPassed(), run,
                    r.label().equals(recommended), r.error(), r.cached(),
                    finished == null ? null : finished.pullBytes(r).orElse(null)));
            Map<String, ProbeResult> byCommand = new LinkedHashMap<>();
            for (ProbeResult p : r.probes()) {
                columns.put(p.command(), true);
                byCommand.put(p.command(), p);
            }
            cells.add(new MatrixRow(r.label(), byCommand, r.status(), notRun(r)));
        }
        shown = ordered;
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

    /** A clicked chart segment ({@code layer} of {@code bar}), or nulls to clear. */
    public void showLayer(ChartBar bar, LayerMeasure l) {
        if (bar == null || l == null) {
            layerDetail.set("");
            return;
        }
        layerDetail.set(bar.label() + ", layer " + (l.index() + 1) + " of " + bar.layers().size()
                + " — " + Sizes.format(l.sizeBytes()) + (l.fromBase() ? ", from the base image" : ", your layer")
                + "\n" + (l.createdBy() == null ? "" : l.createdBy().strip()));
    }

    /** Why a variant's probes did not run, in words. */
    private String notRun(VariantResult r) {
        return switch (r.status()) {
            case BUILD_FAILED -> "not run: the build failed — " + FailureSummary.cause(r.error(),
                    r.variant().repaired() ? List.of() : buildLogs.apply(r.tier()), r.variant().dockerfile()).cause();
            case CANCELLED -> "not run: cancelled" + (r.error() != null && !r.error().equals("cancelled")
                    ? " (" + r.error() + ")" : "");
            case SKIPPED -> "not run: the variant was skipped" + (r.error() != null ? " (" + r.error() + ")" : "");
            default -> "not run";
        };
    }

    /** A clicked probe-matrix cell. */
    public void showCell(MatrixRow row, String command) {
        if (row == null) return;
        ProbeResult p = row.outcomes().get(command);
        if (p == null) probeDetail.set(row.tier() + " · " + command + ": " + row.notRun());
        else showProbe(row.tier(), p);
    }

    /**
     * A clicked (or double-clicked) results row or matrix row: the variant's status, the root cause of a failure,
     * every probe's output and the tail of its build log, in the output panel.
     */
    public void showVariant(Tier tier) {
        showVariant(tier.id());
    }

    /** Likewise by label: "slim", or "slim+fix" for the repaired one (its diagnoses, patch and rebuild). */
    public void showVariant(String label) {
        VariantResult r = shown.stream().filter(v -> v.label().equals(label)).findFirst().orElse(null);
        if (r == null) return;
        Tier tier = r.tier();
        StringBuilder out = new StringBuilder(label + " · " + r.base() + " · " + r.status().id());
        if (r.built()) out.append(" · ").append(Sizes.format(r.sizeBytes()));
        // a repaired variant's log is its rebuild's, not in the run's logs
        List<String> log = r.variant().repaired() ? List.of() : buildLogs.apply(tier);
        ComparisonResult whole = result.get();
        Optional<RepairOutcome> repair = whole == null ? Optional.empty() : whole.repair(tier);
        if (repair.isPresent()) {
            out.append("\n\n").append(r.variant().repaired() ? "Repair: " : "Repair of " + tier.id() + ": ")
                    .append(repair.get().verdict());
            for (String line : RepairText.diagnoses(repair.get(), "  ")) out.append("\n").append(line);
        }
        if (r.status() == VariantStatus.BUILD_FAILED) {
            FailureSummary.Cause c = FailureSummary.cause(r.error(), log, r.variant().dockerfile());
            out.append("\nFailed").append(c.line() > 0 ? " at line " + c.line() : "").append(": ")
                    .append(c.command() != null ? "`" + c.command() + "` " : "").append(c.cause())
                    .append(c.hint() != null ? " — " + c.hint() : "");
        } else if (r.error() != null && !r.error().isBlank()) {
            out.append("\n").append(FailureSummary.stripAnsi(r.error()).strip());
        }
        if (!r.probes().isEmpty()) {
            out.append("\n\nProbes:");
            for (ProbeResult p : r.probes()) {
                out.append("\n").append(symbol(p)).append(' ').append(p.command()).append(" → ").append(p.outcome().id())
                        .append(p.exitCode() != null ? " (exit " + p.exitCode() + ")" : "");
                if (p.output() != null && !p.output().isBlank() && p.outcome() != ProbeOutcome.SKIPPED) {
                    for (String line : FailureSummary.stripAnsi(p.output()).strip().split("\\R")) {
                        out.append("\n    ").append(line);
                    }
                }
            }
        } else if (!r.built()) {
            out.append("\n\nProbes ").append(notRun(r));
        }
        if (log != null && !log.isEmpty()) {
            int from = Math.max(0, log.size() - LOG_TAIL);
            out.append("\n\nBuild log").append(from > 0 ? " (last " + LOG_TAIL + " lines)" : "").append(':');
            for (String line : log.subList(from, log.size())) out.append("\n").append(FailureSummary.stripAnsi(line));
        }
        probeDetail.set(out.toString());
    }

    static final int LOG_TAIL = 60;

    public void showProbe(String tier, ProbeResult p) {
        if (p == null) {
            probeDetail.set(tier + ": not run");
            return;
        }
        if (p.outcome() == ProbeOutcome.SKIPPED) {
            probeDetail.set(tier + " · " + p.command() + " → skipped (the probe is switched off in the probe editor)");
            return;
        }
        probeDetail.set(tier + " · " + p.command() + " → " + p.outcome().id()
                + (p.exitCode() != null ? " (exit " + p.exitCode() + ")" : "")
                + String.format(Locale.ROOT, " in %.1f s", p.seconds())
                + (p.output() == null || p.output().isBlank() ? "" : "\n" + FailureSummary.stripAnsi(p.output()).strip()));
    }
}
