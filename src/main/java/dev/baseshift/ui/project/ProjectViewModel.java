package dev.baseshift.ui.project;

import dev.baseshift.catalog.Tier;
import dev.baseshift.dockerfile.DockerfileException;
import dev.baseshift.dockerfile.Instruction;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.PlanRequest;
import dev.baseshift.plan.Planner;
import dev.baseshift.plan.TagLookup;
import dev.baseshift.plan.ProjectConfig;
import dev.baseshift.plan.ProjectFiles;
import dev.baseshift.ui.common.CodeLine;
import dev.baseshift.ui.TaskRunner;
import dev.baseshift.ui.UserMessages;
import dev.baseshift.ui.common.LineDiff;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The open project: its Dockerfiles, the chosen one's text with the base's FROM line marked, and the plan (or the
 * parse error, at its line). Reading and planning run in the background; nothing here writes to the project.
 */
public final class ProjectViewModel {
    private final TaskRunner runner;
    private final Supplier<Planner> planner;
    private volatile TagLookup tags = TagLookup.NONE;

    private final ReadOnlyObjectWrapper<Path> projectDir = new ReadOnlyObjectWrapper<>(this, "projectDir");
    private final ReadOnlyStringWrapper projectName = new ReadOnlyStringWrapper(this, "projectName", "");
    private final ObservableList<String> dockerfiles = FXCollections.observableArrayList();
    private final ObservableList<String> dockerfilesReadOnly = FXCollections.unmodifiableObservableList(dockerfiles);
    private final ReadOnlyStringWrapper selectedDockerfile = new ReadOnlyStringWrapper(this, "selectedDockerfile");
    private final ObservableList<CodeLine> source = FXCollections.observableArrayList();
    private final ObservableList<CodeLine> sourceReadOnly = FXCollections.unmodifiableObservableList(source);
    private final ReadOnlyObjectWrapper<Plan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyObjectWrapper<ProjectConfig> config = new ReadOnlyObjectWrapper<>(this, "config",
            ProjectConfig.empty());
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyIntegerWrapper errorLine = new ReadOnlyIntegerWrapper(this, "errorLine");
    private final ReadOnlyIntegerWrapper fromLine = new ReadOnlyIntegerWrapper(this, "fromLine");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final Map<Tier, String> baseOverrides = new EnumMap<>(Tier.class);
    private int generation;

    public ProjectViewModel(TaskRunner runner, Supplier<Planner> planner) {
        this.runner = runner;
        this.planner = planner;
    }

    public ReadOnlyObjectProperty<Path> projectDirProperty() { return projectDir.getReadOnlyProperty(); }
    public ReadOnlyStringProperty projectNameProperty() { return projectName.getReadOnlyProperty(); }
    public ObservableList<String> dockerfiles() { return dockerfilesReadOnly; }
    public ReadOnlyStringProperty selectedDockerfileProperty() { return selectedDockerfile.getReadOnlyProperty(); }
    /** The chosen Dockerfile's lines; the base's FROM is styled {@code from-line}, a parse error {@code error-line}. */
    public ObservableList<CodeLine> source() { return sourceReadOnly; }
    public ReadOnlyObjectProperty<Plan> planProperty() { return plan.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ProjectConfig> configProperty() { return config.getReadOnlyProperty(); }
    /** What went wrong reading or planning the project (file:line for a bad Dockerfile), or null. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** Line of the parse error, 0 when none. */
    public ReadOnlyIntegerProperty errorLineProperty() { return errorLine.getReadOnlyProperty(); }
    /** Line of the base stage's FROM, 0 when unknown. */
    public ReadOnlyIntegerProperty fromLineProperty() { return fromLine.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }

    public Plan plan() { return plan.get(); }

    /** Custom images the user chose for tiers in this session (the "custom image" field). */
    public Map<Tier, String> baseOverrides() { return Map.copyOf(baseOverrides); }

    private record Loaded(Path dir, List<String> dockerfiles, String chosen, String text, ProjectConfig config,
                          String configError, Plan plan, Exception planError) {}

    /** Opens a project folder: finds its Dockerfiles and plans the most likely one. */
    public void open(Path dir) {
        baseOverrides.clear();
        load(dir, null);
    }

    /** Plans another of the project's Dockerfiles. */
    public void selectDockerfile(String relativePath) {
        if (projectDir.get() == null || relativePath == null || relativePath.equals(selectedDockerfile.get())) return;
        load(projectDir.get(), relativePath);
    }

    /** Uses {@code image} for {@code tier} (any tier) and plans again; a blank image removes the choice. */
    public void setBaseOverride(Tier tier, String image) {
        if (image == null || image.isBlank()) baseOverrides.remove(tier);
        else baseOverrides.put(tier, image.trim());
        if (projectDir.get() != null) load(projectDir.get(), selectedDockerfile.get());
    }

    /** Plans the current Dockerfile again (after the project's .baseshift.json was saved). */
    public void reload() {
        if (projectDir.get() != null) load(projectDir.get(), selectedDockerfile.get());
    }

    /** The tag checks every plan uses (instant ones: no registry is asked while the slider waits). */
    public void setTagLookup(TagLookup tags) {
        this.tags = tags == null ? TagLookup.NONE : tags;
    }

    /**
     * Plans the current Dockerfile again, asking the registries with {@code checks} (in the background; the slider
     * keeps the current plan until then): a proposed tag that does not exist falls to one that does.
     */
    public void recheckTags(TagLookup checks) {
        if (projectDir.get() != null) load(projectDir.get(), selectedDockerfile.get(), checks);
    }

    private void load(Path dir, String wanted) {
        load(dir, wanted, tags);
    }

    private void load(Path dir, String wanted, TagLookup checks) {
        int gen = ++generation;
        loading.set(true);
        Map<Tier, String> overrides = Map.copyOf(baseOverrides);
        runner.run(() -> read(dir.toAbsolutePath().normalize(), wanted, overrides, checks), loaded -> {
            if (gen != generation) return; // a newer open/selection won
            loading.set(false);
            apply(loaded);
        }, failure -> {
            if (gen != generation) return;
            loading.set(false);
            if (failure instanceof NoDockerfileException none) {
                empty(none.dir, none.getMessage());
            } else {
                error.set(UserMessages.of(failure));
            }
        });
    }

    private Loaded read(Path dir, String wanted, Map<Tier, String> overrides, TagLookup checks) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException("not a folder: " + dir);
        List<String> found = ProjectFiles.findDockerfiles(dir);
        if (found.isEmpty()) throw new NoDockerfileException(dir);
        String chosen = wanted != null && found.contains(wanted) ? wanted : found.get(0);
        String text = Files.readString(dir.resolve(chosen));
        ProjectConfig cfg = ProjectConfig.empty();
        String cfgError = null;
        try {
            cfg = ProjectConfig.load(dir);
        } catch (IOException e) {
            cfgError = UserMessages.of(e);
        }
        Plan p = null;
        Exception planError = null;
        try {
            // every tier, so the slider shows the whole spectrum; the compare check boxes narrow it down
            p = planner.get().plan(new PlanRequest(dir, chosen, Map.of(), null, overrides, List.of(),
                    EnumSet.allOf(Tier.class)), checks);
        } catch (DockerfileException | IOException e) {
            planError = e;
        }
        return new Loaded(dir, found, chosen, text, cfg, cfgError, p, planError);
    }

    /** A folder without a Dockerfile: says so and what was looked for. */
    static final class NoDockerfileException extends IOException {
        final Path dir;

        NoDockerfileException(Path dir) {
            super("No Dockerfile in " + dir + ". BaseShift looked for Dockerfile, Containerfile, *.Dockerfile and"
                    + " Dockerfile.* in the folder and its subfolders (not in build, node_modules, .git and the like). Open the folder that holds your Dockerfile.");
            this.dir = dir;
        }
    }

    /** The empty state: this folder's name and path, nothing of the previous project. */
    private void empty(Path dir, String why) {
        projectName.set(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString());
        projectDir.set(dir);
        dockerfiles.clear();
        selectedDockerfile.set(null);
        config.set(ProjectConfig.empty());
        source.clear();
        errorLine.set(0);
        fromLine.set(0);
        plan.set(null);
        error.set(why);
    }

    private void apply(Loaded l) {
        projectName.set(l.dir().getFileName() == null ? l.dir().toString() : l.dir().getFileName().toString());
        projectDir.set(l.dir());
        dockerfiles.setAll(l.dockerfiles());
        selectedDockerfile.set(l.chosen());
        config.set(l.config());
        int badLine = l.planError() instanceof DockerfileException d ? d.line() : 0;
        int fromStart = 0;
        int fromEnd = 0;
        if (l.plan() != null) {
            Instruction from = l.plan().graph().baseStage().from();
            fromStart = from != null ? from.startLine() : l.plan().graph().baseStage().line();
            fromEnd = from != null ? from.endLine() : fromStart;
        }
        List<String> lines = LineDiff.lines(l.text());
        List<CodeLine> rows = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            List<String> styles = n == badLine ? List.of("error-line")
                    : n >= fromStart && n <= fromEnd && fromStart > 0 ? List.of("from-line") : List.of();
            rows.add(new CodeLine(n, "", lines.get(i), styles));
        }
        source.setAll(rows);
        errorLine.set(badLine);
        fromLine.set(fromStart);
        plan.set(l.plan());
        String problem = l.planError() != null ? UserMessages.of(l.planError()) : null;
        if (l.configError() != null) problem = problem == null ? l.configError() : problem + "\n" + l.configError();
        error.set(problem);
    }
}
