package dev.baseshift.ui.run;

import dev.baseshift.catalog.Tier;
import dev.baseshift.app.KeptImages;
import dev.baseshift.compare.CompareOptions;
import dev.baseshift.compare.ComparisonEvent;
import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.compare.ComparisonRun;
import dev.baseshift.compare.ComparisonService;
import dev.baseshift.compare.FailureSummary;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.VariantResult;
import dev.baseshift.compare.VariantStatus;
import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.Probe;
import dev.baseshift.plan.Variant;
import dev.baseshift.ui.TaskRunner;
import dev.baseshift.ui.UserMessages;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Runs a comparison in the background and mirrors its events: a row per variant, the variants finished so far (so
 * results show before the slowest one ends), Cancel per variant and for all.
 */
public final class RunViewModel {
    private final TaskRunner runner;
    private final Function<ContainerEngine, ComparisonService> services;
    private final LongSupplier clock;

    private final ObservableList<VariantRunRow> rows = FXCollections.observableArrayList();
    private final ObservableList<VariantRunRow> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<VariantResult> finished = FXCollections.observableArrayList();
    private final ObservableList<VariantResult> finishedReadOnly = FXCollections.unmodifiableObservableList(finished);
    private final ReadOnlyObjectWrapper<ComparisonResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper canCompare = new ReadOnlyBooleanWrapper(this, "canCompare");
    private final ReadOnlyStringWrapper disabledReason = new ReadOnlyStringWrapper(this, "disabledReason");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private ContainerEngine engine;
    private CompareOptions lastOptions;
    private boolean measureDownloads;
    private String buildPlatform;
    private String blocked;
    private volatile ComparisonResult interrupted;
    private ContainerEngine lastEngine;
    private String engineProblem = "Looking for a container engine…";
    private Plan plan;
    private ComparisonRun run;
    private boolean cancelRequested;
    private final ReadOnlyBooleanWrapper cancelled = new ReadOnlyBooleanWrapper(this, "cancelled");
    private final Function<ContainerEngine, KeptImages> keptImages;
    private final ReadOnlyStringWrapper keptText = new ReadOnlyStringWrapper(this, "keptText", "");
    private final ReadOnlyBooleanWrapper canRemoveKept = new ReadOnlyBooleanWrapper(this, "canRemoveKept");
    private int keptGeneration;

    public RunViewModel(TaskRunner runner, Function<ContainerEngine, ComparisonService> services, LongSupplier clock) {
        this(runner, services, clock, KeptImages::new);
    }

    /** @param keptImages the images BaseShift keeps in an engine as each project's build cache */
    public RunViewModel(TaskRunner runner, Function<ContainerEngine, ComparisonService> services, LongSupplier clock,
                        Function<ContainerEngine, KeptImages> keptImages) {
        this.keptImages = keptImages;
        this.runner = runner;
        this.services = services;
        this.clock = clock;
        updateAvailability();
    }

    public ObservableList<VariantRunRow> rows() { return rowsReadOnly; }
    /** Results in the order variants finished; grows while the comparison runs. */
    public ObservableList<VariantResult> finished() { return finishedReadOnly; }
    /** The whole comparison once it ended (also after cancel), else null. */
    public ReadOnlyObjectProperty<ComparisonResult> resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canCompareProperty() { return canCompare.getReadOnlyProperty(); }
    /** Why Compare is disabled, or null when it is not. */
    public ReadOnlyStringProperty disabledReasonProperty() { return disabledReason.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /**
     * "BaseShift images of this project: 4 images, 41.2 MB above their bases" — the project's build cache in the engine
     * — or empty when there are none (or no engine).
     */
    public ReadOnlyStringProperty keptTextProperty() { return keptText.getReadOnlyProperty(); }

    /** There are kept images and no comparison runs: Remove may take them. */
    public ReadOnlyBooleanProperty canRemoveKeptProperty() { return canRemoveKept.getReadOnlyProperty(); }

    /** Asks the engine again which images of the project BaseShift keeps (in the background). */
    public void refreshKept() {
        int generation = ++keptGeneration;
        ContainerEngine on = engine;
        Plan p = plan;
        if (on == null || p == null) {
            keptText.set("");
            canRemoveKept.set(false);
            return;
        }
        String key = p.projectKey();
        runner.run(() -> keptImages.apply(on).list(key), held -> {
            if (generation != keptGeneration) return; // another project or engine since
            keptText.set(held.isEmpty() ? "" : "BaseShift images of this project: " + held.describe()
                    + " — the next comparison's build cache");
            canRemoveKept.set(!held.isEmpty() && !running.get());
        }, e -> {
            if (generation != keptGeneration) return;
            keptText.set("");
            canRemoveKept.set(false);
        });
    }

    /** Removes the project's kept images (never base images or the user's own); the next comparison builds afresh. */
    public void removeKept() {
        if (!canRemoveKept.get()) return;
        ContainerEngine on = engine;
        String key = plan.projectKey();
        canRemoveKept.set(false);
        runner.run(() -> keptImages.apply(on).remove(key), removed -> {
            message.set(removed.busyProjects().isEmpty() && removed.failures().isEmpty() ? null
                    : !removed.busyProjects().isEmpty() ? "Images not removed: a comparison of this project is running"
                    : "Some images could not be removed: " + String.join("; ", removed.failures()));
            refreshKept();
        }, e -> {
            message.set("Could not remove the images: " + UserMessages.of(e));
            refreshKept();
        });
    }

    /** The user pressed Cancel all during the last comparison: it ended cancelled, not failed. */
    public ReadOnlyBooleanProperty cancelledProperty() { return cancelled.getReadOnlyProperty(); }

    /** The options of the last comparison started (its probes, timeouts and build network), null before one. */
    public CompareOptions lastOptions() { return lastOptions; }

    /** Whether the next comparison measures the variants' own layers compressed (the bases' download sizes are known). */
    public void setMeasureDownloads(boolean measure) { this.measureDownloads = measure; }

    /** The platform the next comparison builds for (os/arch[/variant]), null for the engine's own. */
    public void setBuildPlatform(String platform) { this.buildPlatform = platform; }

    /** The engine the last comparison ran on, null before one. */
    public ContainerEngine lastEngine() { return lastEngine; }

    /** The build log of {@code tier} in the last comparison (ANSI codes removed), empty when it has none. */
    public List<String> buildLog(Tier tier) {
        VariantRunRow r = row(tier);
        return r == null ? List.of() : List.copyOf(r.log());
    }

    /** @param problem why there is no engine, when {@code newEngine} is null; null while one is being looked for */
    public void setEngine(ContainerEngine newEngine, String problem) {
        engine = newEngine;
        engineProblem = problem;
        updateAvailability();
        refreshKept();
    }

    public void setPlan(Plan newPlan) {
        boolean otherProject = plan == null || newPlan == null || !plan.projectDir().equals(newPlan.projectDir());
        plan = newPlan;
        updateAvailability();
        if (otherProject) refreshKept();
    }

    /** Something else holds the engine's attention (a repair runs): Compare waits, saying {@code reason}; null frees it. */
    public void setBlocked(String reason) {
        blocked = reason;
        updateAvailability();
    }

    private void updateAvailability() {
        String reason = null;
        if (running.get()) reason = "A comparison is running";
        else if (blocked != null) reason = blocked;
        else if (plan == null) reason = "Open a project with a Dockerfile BaseShift can read";
        // one short line: the attempts and fixes are behind the status bar's Details…
        else if (engine == null) reason = engineProblem == null || engineProblem.isBlank()
                ? "Looking for a container engine…" : "No container engine reachable";
        disabledReason.set(reason);
        canCompare.set(reason == null);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Builds, measures and probes the chosen tiers (the original always) in the background. */
    public void start(Set<Tier> tiers, List<Probe> probes, int parallel) {
        start(tiers, probes, parallel, null);
    }

    /**
     * Likewise, with the project's {@code .baseshift.json} settings the command line honours too: the probe timeout
     * and the builds' network.
     */
    public void start(Set<Tier> tiers, List<Probe> probes, int parallel, dev.baseshift.plan.ProjectConfig config) {
        if (!canCompare.get()) return;
        List<Variant> chosen = plan.variants().stream().filter(v -> v.original() || tiers.contains(v.tier())).toList();
        Plan subset = new Plan(plan.projectDir(), plan.dockerfilePath(), plan.dockerfile(), plan.graph(), plan.base(),
                chosen, probes, plan.buildArgs(), plan.target());
        int enabledProbes = (int) probes.stream().filter(Probe::enabled).count();
        rows.setAll(chosen.stream().map(v -> new VariantRunRow(v.tier(), v.base(), enabledProbes)).toList());
        finished.clear();
        result.set(null);
        message.set(null);
        cancelRequested = false;
        cancelled.set(false);
        running.set(true);
        canRemoveKept.set(false);
        updateAvailability();
        CompareOptions defaults = CompareOptions.defaults(probes);
        java.time.Duration probeTimeout = config != null && config.probeTimeoutSeconds() != null
                ? java.time.Duration.ofSeconds(config.probeTimeoutSeconds()) : defaults.probeTimeout();
        // the images stay as the project's build cache (the repair reads them too); Remove takes them
        CompareOptions options = new CompareOptions(probes, Math.max(1, parallel), defaults.timeout(),
                probeTimeout, defaults.serverGrace(), true, config == null ? null : config.buildNetwork(),
                measureDownloads, buildPlatform);
        lastOptions = options;
        lastEngine = engine;
        ComparisonService service = services.apply(engine);
        runner.run(() -> service.start(subset, options, event -> runner.onUi(() -> handle(event))), started -> {
            run = started;
            if (cancelRequested) started.cancel();
        }, error -> {
            message.set("Compare could not start: " + UserMessages.of(error));
            rows.forEach(r -> r.status(VariantStatus.CANCELLED, "not started", clock.getAsLong()));
            running.set(false);
            updateAvailability();
        });
    }

    /** Stops every build and probe; finished variants are kept. */
    public void cancelAll() {
        if (!running.get()) return;
        cancelRequested = true;
        cancelled.set(true);
        if (run != null) {
            ComparisonRun r = run;
            runner.run(() -> { r.cancel(); return null; }, x -> { }, e -> message.set(UserMessages.of(e)));
        }
    }

    public void cancel(Tier tier) {
        if (run != null) {
            ComparisonRun r = run;
            runner.run(() -> { r.cancel(tier); return null; }, x -> { }, e -> message.set(UserMessages.of(e)));
        }
    }

    /** Updates elapsed times (the view calls this a few times a second while running). */
    public void tick() {
        long now = clock.getAsLong();
        rows.forEach(r -> r.tick(now));
    }

    /**
     * Window closing: cancels a running comparison and waits (up to {@code wait}) for it to clean up.
     *
     * @return true when nothing is left running
     */
    public boolean shutdown(Duration wait) {
        ComparisonRun r = run;
        if (r == null || r.isDone()) return true;
        r.cancel();
        long deadline = System.nanoTime() + wait.toNanos();
        while (!r.isDone() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (!r.isDone()) return false;
        try {
            interrupted = r.await(); // done: returns at once; its kept images are the window's to release
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** The comparison that {@link #shutdown} stopped, whose result never reached the window; null when none. */
    public ComparisonResult interruptedResult() { return interrupted; }

    private VariantRunRow row(Tier tier) {
        return rows.stream().filter(r -> r.tier() == tier).findFirst().orElse(null);
    }

    private void handle(ComparisonEvent event) {
        long now = clock.getAsLong();
        if (event instanceof ComparisonEvent.ComparisonFinished e) {
            rows.stream().filter(r -> !r.finished()).forEach(r -> r.status(VariantStatus.CANCELLED, "cancelled", now));
            result.set(e.result());
            running.set(false);
            run = null;
            updateAvailability();
            refreshKept();
            return;
        }
        if (event instanceof ComparisonEvent.VariantFinished e) {
            VariantResult res = e.result();
            VariantRunRow r = row(res.variant().tier());
            if (r != null) {
                // the root cause in the row, the whole error in its log
                String detail = res.status() == VariantStatus.BUILD_FAILED
                        ? FailureSummary.cause(res.error(), r.log(), res.variant().dockerfile()).cause()
                        : res.error() != null ? FailureSummary.stripAnsi(res.error())
                        : res.cached() ? "built (cached: inputs unchanged)" : res.status().id();
                r.status(res.status(), detail, now);
            }
            finished.add(res);
            return;
        }
        if (event instanceof ComparisonEvent.Notice e) {
            message.set(e.message());
            return;
        }
        VariantRunRow r = row(tierOf(event));
        if (r == null) return;
        if (event instanceof ComparisonEvent.VariantStarted) {
            r.status(VariantStatus.BUILDING, "building", now);
        } else if (event instanceof ComparisonEvent.StatusChanged e) {
            r.status(e.status(), e.detail(), now);
        } else if (event instanceof ComparisonEvent.BuildLog e) {
            r.append(FailureSummary.stripAnsi(e.line()));
        } else if (event instanceof ComparisonEvent.BuildFinished e) {
            r.append(e.cached() ? "— cached: the kept image has the same inputs; not built again"
                    : e.success() ? String.format(java.util.Locale.ROOT, "— built in %.1f s", e.seconds())
                    : "— build failed: " + FailureSummary.stripAnsi(e.error()));
            if (e.success()) r.status(VariantStatus.PROBING, "probing", now);
        } else if (event instanceof ComparisonEvent.ProbeFinished e) {
            if (e.probe().outcome() == ProbeOutcome.SKIPPED) return; // switched off: not one of the probes counted
            r.probesDone++;
            String output = e.probe().output() == null ? "" : firstLine(e.probe().output().strip());
            r.append("— probe " + e.probe().command() + ": " + e.probe().outcome().id()
                    + (e.probe().outcome() == ProbeOutcome.PASS || output.isEmpty() ? "" : " (" + output + ")"));
            r.status(VariantStatus.PROBING, "probe " + r.probesDone + "/" + r.probesTotal, now);
        }
    }

    private static Tier tierOf(ComparisonEvent event) {
        if (event instanceof ComparisonEvent.VariantStarted e) return e.tier();
        if (event instanceof ComparisonEvent.StatusChanged e) return e.tier();
        if (event instanceof ComparisonEvent.BuildLog e) return e.tier();
        if (event instanceof ComparisonEvent.BuildFinished e) return e.tier();
        if (event instanceof ComparisonEvent.ProbeFinished e) return e.tier();
        return null;
    }
}
