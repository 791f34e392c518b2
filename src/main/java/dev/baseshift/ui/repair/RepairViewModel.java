package dev.baseshift.ui.repair;

import dev.baseshift.app.RepairText;
import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.CompareOptions;
import dev.baseshift.compare.ComparisonEvent;
import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.compare.ComparisonService;
import dev.baseshift.compare.FailureSummary;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.RepairOutcome;
import dev.baseshift.compare.VariantResult;
import dev.baseshift.compare.VariantStatus;
import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.repair.Images;
import dev.baseshift.repair.RepairService;
import dev.baseshift.ui.TaskRunner;
import dev.baseshift.ui.UserMessages;
import dev.baseshift.ui.common.CodeLine;
import dev.baseshift.ui.common.LineDiff;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One-click repair of the failing variants of the last comparison: a row per failing variant, Repair (the selected
 * one) and Repair all, the repair's progress as it goes, and for the selected variant its diagnoses with evidence and
 * the patch as a diff against the plain variant. The comparison's images are the project's build cache and stay
 * (the repair reads them); only a comparison that did not keep its images has them released when it is done with.
 */
public final class RepairViewModel {
    private static final int LOG_LIMIT = 2000;

    private final TaskRunner runner;
    private final Function<ContainerEngine, ComparisonService> comparisons;
    private final Function<ContainerEngine, Images> images;
    private final Consumer<Tier> saver;

    private final ObservableList<RepairRow> rows = FXCollections.observableArrayList();
    private final ObservableList<RepairRow> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<String> logReadOnly = FXCollections.unmodifiableObservableList(log);
    private final ObservableList<CodeLine> diff = FXCollections.observableArrayList();
    private final ObservableList<CodeLine> diffReadOnly = FXCollections.unmodifiableObservableList(diff);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper canRepair = new ReadOnlyBooleanWrapper(this, "canRepair");
    private final ReadOnlyBooleanWrapper canRepairSelected = new ReadOnlyBooleanWrapper(this, "canRepairSelected");
    private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper(this, "canSave");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyObjectWrapper<Tier> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<ComparisonResult> result = new ReadOnlyObjectWrapper<>(this, "result");

    private ComparisonResult comparison;
    private CompareOptions options;
    private ContainerEngine engine;
    private Function<Tier, List<String>> buildLogs = t -> List.of();
    private boolean imagesHeld;
    private volatile RepairService current;
    private volatile Thread worker;
    private volatile boolean closed;

    /** @param saver saves a tier's Dockerfile (the export's Save variant: the proven repair when there is one) */
    public RepairViewModel(TaskRunner runner, Function<ContainerEngine, ComparisonService> comparisons,
                           Function<ContainerEngine, Images> images, Consumer<Tier> saver) {
        this.runner = runner;
        this.comparisons = comparisons;
        this.images = images;
        this.saver = saver;
    }

    /** Every failing variant of the last comparison, with where its repair stands. */
    public ObservableList<RepairRow> rows() { return rowsReadOnly; }
    /** What the repairs did, in order ("slim: reading the original's files", "slim+fix: built, 4/4 probes pass"). */
    public ObservableList<String> log() { return logReadOnly; }
    /** The selected variant's patch, as a diff against its plain variant. */
    public ObservableList<CodeLine> diff() { return diffReadOnly; }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** A comparison with failing variants is there and nothing runs: Repair all is possible. */
    public ReadOnlyBooleanProperty canRepairProperty() { return canRepair.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canRepairSelectedProperty() { return canRepairSelected.getReadOnlyProperty(); }
    /** The selected variant has a proven repair to save. */
    public ReadOnlyBooleanProperty canSaveProperty() { return canSave.getReadOnlyProperty(); }
    /** One line: what is happening, or what happened. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The selected variant: its verdict, every diagnosis with its evidence, and each attempt. */
    public ReadOnlyStringProperty detailProperty() { return detail.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Tier> selectedProperty() { return selected.getReadOnlyProperty(); }
    /** The comparison with the repairs so far (the results and exports show this), null until a repair ends. */
    public ReadOnlyObjectProperty<ComparisonResult> resultProperty() { return result.getReadOnlyProperty(); }

    /**
     * A finished comparison to offer repairs for. Its images were kept for the repair: when nothing fails (or it was
     * cancelled) they are released at once.
     *
     * @param logs each plain variant's build log as the run streamed it
     */
    public void setComparison(ComparisonResult done, CompareOptions compareOptions, ContainerEngine on,
                              Function<Tier, List<String>> logs, boolean cancelled) {
        clear();
        if (done == null || closed) return; // after the window closed: shutdown released its images

        comparison = done;
        options = compareOptions;
        engine = on;
        buildLogs = logs == null ? t -> List.of() : logs;
        imagesHeld = compareOptions != null && compareOptions.keepImages();
        List<Tier> failing = RepairService.failing(done);
        if (cancelled || failing.isEmpty() || on == null) {
            release();
            status.set(failing.isEmpty() ? "Nothing to repair: every variant builds and passes its probes."
                    : cancelled ? "The comparison was cancelled: compare again to repair its failing variants."
                    : "No container engine: a repair rebuilds on one.");
        } else {
            status.set(failing.size() + (failing.size() == 1 ? " variant fails" : " variants fail") + " ("
                    + failing.stream().map(Tier::id).collect(Collectors.joining(", "))
                    + "). Repair reads why from evidence, patches the Dockerfile, rebuilds and re-probes it.");
        }
        for (Tier t : failing) rows.add(new RepairRow(t, RepairRow.State.FAILING, whyFailing(done, t)));
        if (!rows.isEmpty()) select(rows.get(0).tier());
        updateAvailability();
    }

    /** Forgets the comparison (a new one starts, or another project opens) and releases its kept images. */
    public void clear() {
        clearThen(null);
    }

    /**
     * Likewise, and runs {@code next} (on the UI thread) once the kept images are gone: a new comparison must not
     * build while the engine removes layers its cache may use.
     */
    public void clearThen(Runnable next) {
        cancel();
        ComparisonResult held = imagesHeld && removesImages() ? comparison : null;
        imagesHeld = false;
        comparison = null;
        result.set(null);
        rows.clear();
        log.clear();
        diff.clear();
        detail.set("");
        status.set("");
        selected.set(null);
        updateAvailability();
        releaseThen(held, engine, next);
    }

    public void select(Tier tier) {
        selected.set(tier);
        showSelected();
        updateAvailability();
    }

    /** Repairs every failing variant, one after the other. */
    public void repairAll() {
        if (!canRepair.get()) return;
        start(rows.stream().filter(r -> r.state() != RepairRow.State.PROVEN).map(RepairRow::tier).toList());
    }

    /** Repairs the selected variant (again, if it was tried). */
    public void repairSelected() {
        if (canRepairSelected.get()) start(List.of(selected.get()));
    }

    /** Saves the selected variant's proven repair as Dockerfile.&lt;tier&gt; beside the original. */
    public void saveSelected() {
        if (canSave.get()) saver.accept(selected.get());
    }

    /** Stops the repair under way; what was proven so far stays. */
    public void cancel() {
        RepairService s = current;
        if (s != null) {
            status.set("Cancelling the repair…");
            runner.run(() -> { s.cancel(); return null; }, x -> { }, e -> { });
        }
    }

    /**
     * Window closing: cancels a repair, waits (up to {@code wait}) for it to stop, and removes the images kept for
     * it, and those of {@code interrupted} (a comparison stopped by the closing, on {@code itsEngine}). Blocking, off
     * the FX thread.
     */
    public void shutdown(Duration wait, ComparisonResult interrupted, ContainerEngine itsEngine) {
        closed = true;
        RepairService s = current;
        if (s != null) s.cancel();
        Thread t = worker;
        if (t != null) {
            try {
                t.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ComparisonResult held = imagesHeld && removesImages() ? comparison : null;
        imagesHeld = false;
        if (held != null && engine != null) {
            new RepairService(comparisons.apply(engine), images.apply(engine)).release(held);
        }
        if (interrupted != null && interrupted != held && itsEngine != null && removesImages()) {
            new RepairService(comparisons.apply(itsEngine), images.apply(itsEngine)).release(interrupted);
        }
    }

    private void start(Collection<Tier> tiers) {
        if (tiers.isEmpty()) return;
        ComparisonResult base = result.get() != null ? result.get() : comparison;
        CompareOptions repairOptions = options.keepingImages(false); // a proven rebuild is measured, then removed
        RepairService service = new RepairService(comparisons.apply(engine), images.apply(engine));
        current = service;
        running.set(true);
        for (Tier t : tiers) setRow(t, RepairRow.State.QUEUED, "queued");
        status.set("Repairing " + tiers.stream().map(Tier::id).collect(Collectors.joining(", "))
                + " (at most " + RepairService.MAX_ROUNDS + " rounds each)…");
        updateAvailability();
        Function<Tier, List<String>> logs = buildLogs;
        runner.run(() -> {
            worker = Thread.currentThread();
            try {
                return service.repair(base, repairOptions, tiers, logs, false, e -> runner.onUi(() -> handle(e)));
            } finally {
                worker = null;
            }
        }, done -> {
            current = null;
            running.set(false);
            result.set(done);
            long proven = tiers.stream().filter(t -> done.repair(t).flatMap(RepairOutcome::proven).isPresent()).count();
            status.set(proven + " of " + tiers.size() + (tiers.size() == 1 ? " variant" : " variants")
                    + " repaired and proven" + (done.recommendation().present()
                    ? "; recommended now: " + done.recommendation().label() : "") + ".");
            for (Tier t : tiers) {
                Optional<RepairOutcome> o = done.repair(t);
                if (o.isPresent()) setRow(t, o.get().proven().isPresent() ? RepairRow.State.PROVEN
                        : RepairRow.State.NOT_REPAIRED, RepairText.summary(o.get()));
                else setRow(t, RepairRow.State.FAILING, whyFailing(comparison, t) + " (repair cancelled)");
            }
            showSelected();
            updateAvailability();
        }, error -> {
            current = null;
            running.set(false);
            status.set("The repair stopped: " + UserMessages.of(error));
            for (Tier t : tiers) {
                RepairRow r = row(t);
                if (r != null && (r.state() == RepairRow.State.QUEUED || r.state() == RepairRow.State.REPAIRING)) {
                    setRow(t, RepairRow.State.FAILING, whyFailing(comparison, t));
                }
            }
            updateAvailability();
        });
    }

    private void handle(RepairService.Event e) {
        if (e instanceof RepairService.Event.Progress p) {
            setRow(p.tier(), RepairRow.State.REPAIRING, p.message());
            status.set("Repairing " + p.tier().id() + ": " + p.message());
            if (p.tier() == selected.get()) showSelected();
            append(p.tier().id() + ": " + p.message());
        } else if (e instanceof RepairService.Event.Rebuild r) {
            String label = r.tier().id() + "+fix";
            if (r.event() instanceof ComparisonEvent.BuildLog l) {
                append("  " + label + " │ " + FailureSummary.stripAnsi(l.line()));
            } else if (r.event() instanceof ComparisonEvent.ProbeFinished p
                    && p.probe().outcome() != ProbeOutcome.SKIPPED) {
                append("  " + label + " probe " + p.probe().command() + ": " + p.probe().outcome().id());
            } else if (r.event() instanceof ComparisonEvent.VariantFinished f) {
                append(label + " (round " + r.round() + "): " + summary(f.result()));
            }
        } else if (e instanceof RepairService.Event.Finished f) {
            append(f.tier().id() + ": " + f.outcome().verdict());
        }
    }

    private static String summary(VariantResult v) {
        if (v.status() == VariantStatus.BUILD_FAILED) return "build failed";
        if (!v.built()) return v.status().id();
        long ran = v.probes().stream().filter(p -> p.outcome() != ProbeOutcome.SKIPPED).count();
        return "built, " + dev.baseshift.compare.Sizes.format(v.sizeBytes()) + ", " + v.probesPassed() + "/" + ran
                + " probes pass";
    }

    private void append(String line) {
        log.add(line);
        if (log.size() > LOG_LIMIT) log.remove(0, log.size() - LOG_LIMIT);
    }

    /**
     * Whether the comparison's images go when it is done with: only when its options did not keep them. The app keeps
     * them as the project's build cache (shown and removable on the Compare tab), so it never does.
     */
    private boolean removesImages() {
        return options != null && !options.keepImages();
    }

    private void release() {
        ComparisonResult held = imagesHeld && removesImages() ? comparison : null;
        imagesHeld = false;
        releaseThen(held, engine, null);
    }

    /** Removes {@code held}'s images in the background, then runs {@code next} on the UI thread (at once if none). */
    private void releaseThen(ComparisonResult held, ContainerEngine on, Runnable next) {
        Runnable then = next == null ? () -> { } : next;
        if (held == null || on == null || closed) {
            then.run();
            return;
        }
        RepairService service = new RepairService(comparisons.apply(on), images.apply(on));
        runner.run(() -> { service.release(held); return null; }, x -> then.run(), e -> then.run());
    }

    private void updateAvailability() {
        boolean idle = !running.get() && comparison != null && engine != null && imagesHeld;
        canRepair.set(idle && rows.stream().anyMatch(r -> r.state() != RepairRow.State.PROVEN));
        canRepairSelected.set(idle && selected.get() != null && row(selected.get()) != null);
        Tier t = selected.get();
        ComparisonResult r = result.get();
        canSave.set(t != null && r != null && r.repair(t).flatMap(RepairOutcome::proven).isPresent());
    }

    private RepairRow row(Tier tier) {
        return rows.stream().filter(r -> r.tier() == tier).findFirst().orElse(null);
    }

    private void setRow(Tier tier, RepairRow.State state, String summary) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).tier() == tier) {
                rows.set(i, new RepairRow(tier, state, summary));
                return;
            }
        }
    }

    private void showSelected() {
        Tier t = selected.get();
        diff.clear();
        if (t == null || comparison == null) {
            detail.set("");
            return;
        }
        ComparisonResult r = result.get() != null ? result.get() : comparison;
        VariantResult plain = r.variants().stream().filter(v -> v.tier() == t && !v.variant().repaired())
                .findFirst().orElse(null);
        Optional<RepairOutcome> outcome = r.repair(t);
        StringBuilder out = new StringBuilder();
        out.append(t.id()).append(plain == null ? "" : " · " + plain.base()).append(": ")
                .append(whyFailing(comparison, t));
        RepairRow row = row(t);
        boolean busy = row != null && (row.state() == RepairRow.State.REPAIRING || row.state() == RepairRow.State.QUEUED);
        if (busy || outcome.isEmpty()) {
            out.append("\n\n").append(busy ? "Repairing: " + row.summary()
                    : "Not repaired yet: press Repair to diagnose it, patch it and prove the patch.");
            detail.set(out.toString());
            return;
        }
        RepairOutcome o = outcome.get();
        out.append("\n\n").append(o.proven().isPresent() ? RepairText.headline(o) : o.verdict());
        if (o.proven().isPresent()) out.append("\n").append(o.verdict());
        if (!o.diagnoses().isEmpty()) {
            out.append("\n\nWhy it failed:");
            for (String line : RepairText.diagnoses(o, "  ")) out.append("\n").append(line);
        }
        if (!o.attempts().isEmpty()) {
            out.append("\n\nAttempts:");
            for (RepairOutcome.Attempt a : o.attempts()) {
                out.append("\n  round ").append(a.round()).append(": ").append(summary(a.result()));
                for (var d : a.found()) out.append("\n    revealed ").append(RepairText.diagnosis(d));
            }
        }
        if (o.patch() != null) {
            for (String u : o.patch().unresolved()) out.append("\n  unresolved: ").append(u);
            List<String> reasons = new ArrayList<>();
            for (var h : o.patch().hunks()) reasons.add("  line " + h.line() + ": " + h.reason());
            if (!reasons.isEmpty()) out.append("\n\nThe patch:\n").append(String.join("\n", reasons));
            if (plain != null) diff.setAll(LineDiff.codeLines(plain.variant().dockerfile(), o.patch().dockerfile()));
        }
        detail.set(out.toString());
    }

    /** "0/4 probes pass (numpy)", "the build fails: …" */
    private String whyFailing(ComparisonResult r, Tier t) {
        VariantResult v = r.variants().stream().filter(x -> x.tier() == t && !x.variant().repaired()).findFirst()
                .orElse(null);
        if (v == null) return "not compared";
        if (v.status() == VariantStatus.BUILD_FAILED) {
            return "the build fails — " + FailureSummary.cause(v.error(), buildLogs.apply(t), v.variant().dockerfile())
                    .cause();
        }
        long ran = v.probes().stream().filter(p -> p.outcome() != ProbeOutcome.SKIPPED).count();
        String failed = v.probes().stream()
                .filter(p -> p.outcome() == ProbeOutcome.FAIL || p.outcome() == ProbeOutcome.ERROR)
                .map(p -> p.name()).collect(Collectors.joining(", "));
        return v.probesPassed() + "/" + ran + " probes pass" + (failed.isEmpty() ? "" : " (fails " + failed + ")");
    }
}
