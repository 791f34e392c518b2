package dev.baseshift.ui;

import dev.baseshift.app.BaseLookup;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.ProjectConfig;
import dev.baseshift.ui.export.ExportViewModel;
import dev.baseshift.ui.project.ProbesViewModel;
import dev.baseshift.ui.project.ProjectViewModel;
import dev.baseshift.ui.repair.RepairViewModel;
import dev.baseshift.ui.results.ResultsViewModel;
import dev.baseshift.ui.run.RunViewModel;
import dev.baseshift.ui.spectrum.SpectrumViewModel;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.Duration;

/** The window's model: which project is open, and the feature models wired together. */
public final class MainViewModel {
    private final AppServices services;
    private final ProjectViewModel project;
    private final SpectrumViewModel spectrum;
    private final ProbesViewModel probes;
    private final RunViewModel run;
    private final ResultsViewModel results = new ResultsViewModel();
    private final ExportViewModel export;
    private final RepairViewModel repair;
    private final EngineStatusViewModel engine;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "BaseShift");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObservableList<Path> recentReadOnly = FXCollections.unmodifiableObservableList(recent);
    private BaseLookup lookup;
    private final javafx.beans.property.ReadOnlyObjectWrapper<Path> pendingOpen =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "pendingOpen");
    /** The shown plan's base facts (empty until looked up): the results' pull sizes and the reports carry them. */
    private Map<String, dev.baseshift.registry.BaseFacts> planFacts = Map.of();
    private int factsGeneration;
    /** Dockerfile and missing tag pairs already planned again with registry checks. */
    private final java.util.Set<String> rechecked = new java.util.HashSet<>();

    public MainViewModel(AppServices services) {
        this.services = services;
        TaskRunner runner = services.runner();
        project = new ProjectViewModel(runner, services.planner());
        spectrum = new SpectrumViewModel(project::setBaseOverride);
        probes = new ProbesViewModel(runner);
        run = new RunViewModel(runner, services.comparisons(), services.clock());
        export = new ExportViewModel(runner, services.reportWriters(), services.variantSaver());
        engine = new EngineStatusViewModel(runner, services.engines());
        repair = new RepairViewModel(runner, services.comparisons(), services.images(), export::saveVariant);
        recent.setAll(services.recentProjects().list());

        lookup = services.bases().apply(null, null);
        project.setTagLookup(lookup.knownTags());
        project.planProperty().addListener((o, old, plan) -> planChanged(plan));
        // the error is set after the plan: follow both so the findings pane never says "nothing will break" then
        javafx.beans.InvalidationListener problem = o -> spectrum.setPlanProblem(
                project.plan() == null ? project.errorProperty().get() : null, project.errorLineProperty().get());
        project.planProperty().addListener(problem);
        project.errorProperty().addListener(problem);
        project.projectDirProperty().addListener((o, old, dir) -> {
            title.set(dir == null ? "BaseShift" : "BaseShift — " + project.projectNameProperty().get());
            repair.clear();
            results.clear();
            export.setResult(null);
            if (dir != null) recent.setAll(services.recentProjects().add(dir));
        });
        engine.engineProperty().addListener((o, old, e) -> run.setEngine(e, engine.detailProperty().get()));
        // an engine: exact sizes of the bases it has, and the engine's platform
        engine.engineProperty().addListener((o, old, e) -> lookupFor(e, spectrum.platformProperty().get()));
        // another platform: its sizes, its flags, and the builds are for it
        spectrum.platformProperty().addListener((o, old, p) -> lookupFor(engine.engine(), p));
        engine.stateProperty().addListener((o, old, s) -> run.setEngine(engine.engine(),
                s == EngineStatusViewModel.State.CHECKING ? null : engine.detailProperty().get()));
        spectrum.selectedTierProperty().addListener((o, old, t) -> export.setSelectedTier(t));
        run.finished().addListener((ListChangeListener<Object>) c -> {
            if (run.runningProperty().get()) results.update(run.finished(), run.rows().size());
        });
        results.setBuildLogs(run::buildLog);
        run.resultProperty().addListener((o, old, found) -> {
            dev.baseshift.compare.ComparisonResult r = found == null ? null : found.withBaseFacts(planFacts);
            if (r != null) {
                results.finish(r, run.cancelledProperty().get());
                repair.setComparison(r, run.lastOptions(), run.lastEngine(), run::buildLog,
                        run.cancelledProperty().get());
            }
            export.setResult(r);
        });
        // a repair ends: the results, the recommendation and the exports include the repaired variants
        repair.resultProperty().addListener((o, old, r) -> {
            if (r == null) return;
            results.finish(r, false);
            export.setResult(r);
        });
        repair.runningProperty().addListener((o, old, busy) -> run.setBlocked(busy ? "A repair is running" : null));
    }

    private void planChanged(Plan plan) {
        ProjectConfig config = project.configProperty().get();
        spectrum.setConfiguredBases(config == null ? null : config.bases());
        spectrum.setPlan(plan, config == null ? null : config.tiers());
        probes.setPlan(plan, config);
        run.setPlan(plan);
        export.setPlan(plan);
        export.setSelectedTier(spectrum.selectedTierProperty().get());
        refreshFacts(plan);
    }

    private void lookupFor(dev.baseshift.engine.ContainerEngine e, String platform) {
        dev.baseshift.registry.Platform asked = platform == null || platform.isBlank() ? null
                : dev.baseshift.registry.Platform.parse(platform);
        lookup = services.bases().apply(e, asked);
        dev.baseshift.registry.Platform own = BaseLookup.enginePlatform(e);
        spectrum.setEnginePlatform(own.toString());
        run.setBuildPlatform(asked == null || (asked.accepts(own) && own.accepts(asked)) ? null : asked.toString());
        project.setTagLookup(lookup.knownTags());
        refreshFacts(project.plan());
    }

    /**
     * Looks up the plan's bases in the background (the slider is usable meanwhile). When a tag the catalog proposed
     * does not exist, the project is planned again with registry checks, once per Dockerfile and missing tag, so the
     * tier falls to a tag that exists.
     */
    private void refreshFacts(Plan plan) {
        planFacts = Map.of();
        if (plan == null) return;
        int gen = ++factsGeneration;
        BaseLookup current = lookup;
        String platform = current.platform().toString();
        spectrum.setFactsLoading(plan, platform);
        services.runner().run(() -> current.facts(plan), facts -> {
            if (gen != factsGeneration) return;
            spectrum.setFacts(plan, facts, platform);
            planFacts = facts;
            run.setMeasureDownloads(facts.values().stream().anyMatch(f -> f != null && f.compressedBytes() != null));
            List<String> missing = plan.variants().stream()
                    .filter(v -> !v.original() && !v.custom() && facts.get(v.label()) != null
                            && Boolean.FALSE.equals(facts.get(v.label()).tagExists()))
                    .map(v -> plan.projectDir() + "|" + plan.dockerfilePath() + "|" + v.base()).toList();
            if (!missing.isEmpty() && rechecked.addAll(missing)) project.recheckTags(current.tags());
        }, failure -> {
            if (gen == factsGeneration) spectrum.setFacts(plan, Map.of(), platform);
        });
    }

    public ProjectViewModel project() { return project; }
    public SpectrumViewModel spectrum() { return spectrum; }
    public ProbesViewModel probes() { return probes; }
    public RunViewModel run() { return run; }
    public ResultsViewModel results() { return results; }
    public ExportViewModel export() { return export; }
    public EngineStatusViewModel engine() { return engine; }
    public RepairViewModel repair() { return repair; }
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    /** A problem to show in the window (never a stack trace), or null. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ObservableList<Path> recentProjects() { return recentReadOnly; }

    /** Starts engine discovery and opens {@code folder}, or the bundled sample when null. */
    public void start(Path folder) {
        engine.connect();
        if (folder != null) open(folder);
        else openSample();
    }

    public void open(Path folder) {
        if (run.runningProperty().get() || repair.runningProperty().get()) {
            message.set((run.runningProperty().get() ? "A comparison" : "A repair")
                    + " is running: cancel it before opening another project.");
            return;
        }
        if (probes.dirtyProperty().get() && project.projectDirProperty().get() != null
                && !folder.toAbsolutePath().normalize().equals(project.projectDirProperty().get())) {
            // unsaved probe edits: the window asks first (Save, Discard or stay)
            pendingOpen.set(folder);
            return;
        }
        message.set(null);
        project.open(folder);
    }

    /** What to do with unsaved probe edits when another project is to be opened. */
    public enum UnsavedProbes { SAVE, DISCARD, CANCEL }

    /** A folder waiting to be opened until the user says what becomes of the unsaved probe edits, or null. */
    public ReadOnlyObjectProperty<Path> pendingOpenProperty() { return pendingOpen.getReadOnlyProperty(); }

    /** The user's answer for {@link #pendingOpenProperty()}: save the edits first, drop them, or stay. */
    public void resolvePendingOpen(UnsavedProbes choice) {
        Path folder = pendingOpen.get();
        pendingOpen.set(null);
        if (folder == null || choice == UnsavedProbes.CANCEL) return;
        if (choice == UnsavedProbes.SAVE) probes.save();
        message.set(null);
        project.open(folder);
    }

    public void openSample() {
        services.runner().run(services.sampleProject(), this::open,
                e -> message.set("Could not unpack the sample project: " + UserMessages.of(e)));
    }

    /** Compares the tiers ticked on the spectrum with the probes of the editor. */
    public void compare() {
        if (repair.runningProperty().get()) return;
        results.clear();
        export.setResult(null);
        ProjectConfig config = project.configProperty().get();
        int parallel = config != null && config.parallel() != null ? config.parallel() : 2;
        var tiers = spectrum.comparedTiers();
        var chosen = probes.probes();
        // the last comparison's kept images go first: the new builds must not lose cache layers under them
        repair.clearThen(() -> {
            run.start(tiers, chosen, parallel, config);
            if (run.runningProperty().get()) results.update(run.finished(), run.rows().size());
        });
    }

    /**
     * What quitting now would cost, for the window to ask before it closes: a running comparison or repair is
     * cancelled; null when nothing runs.
     */
    public String quitWarning() {
        if (run.runningProperty().get()) {
            return "A comparison is running. Quitting cancels it (finished variants are kept as the cache; its "
                    + "containers are removed).";
        }
        if (repair.runningProperty().get()) return "A repair is running. Quitting cancels it.";
        return null;
    }

    /** Window closing: cancel a running comparison, wait for its cleanup, release the engine. Blocking. */
    public void shutdown() {
        run.shutdown(Duration.ofSeconds(30));
        repair.shutdown(Duration.ofSeconds(30), run.interruptedResult(), run.lastEngine());
        engine.close();
    }

    public void showMessage(String text) {
        message.set(text);
    }
}
