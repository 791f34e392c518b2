package dev.baseshift.ui.project;

import dev.baseshift.plan.CommandLineSplitter;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.Probe;
import dev.baseshift.plan.ProjectConfig;
import dev.baseshift.ui.TaskRunner;
import dev.baseshift.ui.UserMessages;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The probes of the next comparison: suggested ones, the project's (.baseshift.json) and the user's. The project file
 * is written only by {@link #save()}: the project folder stays untouched otherwise.
 */
public final class ProbesViewModel {
    private final TaskRunner runner;
    private final ObservableList<ProbeRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ProbeRow> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private Path projectDir;
    private ProjectConfig config = ProjectConfig.empty();

    public ProbesViewModel(TaskRunner runner) {
        this.runner = runner;
    }

    public ObservableList<ProbeRow> rows() { return rowsReadOnly; }
    /** Changes not yet saved to .baseshift.json. */
    public ReadOnlyBooleanProperty dirtyProperty() { return dirty.getReadOnlyProperty(); }
    /** The last save's outcome or an input problem, for the user. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** Loads the plan's probes; user-added probes survive a re-plan of the same project. */
    public void setPlan(Plan plan, ProjectConfig projectConfig) {
        Path dir = plan == null ? null : plan.projectDir();
        List<ProbeRow> keep = Objects.equals(dir, projectDir)
                ? rows.stream().filter(r -> "user".equals(r.sourceProperty().get())).toList() : List.of();
        if (!Objects.equals(dir, projectDir)) dirty.set(false);
        projectDir = dir;
        config = projectConfig == null ? ProjectConfig.empty() : projectConfig;
        rows.clear();
        if (plan != null) plan.probes().forEach(p -> rows.add(watch(new ProbeRow(p))));
        for (ProbeRow r : keep) {
            if (rows.stream().noneMatch(x -> x.commandProperty().get().equals(r.commandProperty().get()))) rows.add(r);
        }
        message.set(null);
    }

    private ProbeRow watch(ProbeRow row) {
        row.enabledProperty().addListener((o, a, b) -> dirty.set(true));
        return row;
    }

    /** Adds a probe typed like a shell command (split like a shell would, not run through one). */
    public boolean add(String commandText) {
        List<String> argv = parse(commandText);
        if (argv == null) return false;
        String command = CommandLineSplitter.join(argv);
        if (rows.stream().anyMatch(r -> r.commandProperty().get().equals(command))) {
            message.set("That probe is already in the list.");
            return false;
        }
        rows.add(watch(new ProbeRow(new Probe(command, argv, "user", true))));
        dirty.set(true);
        message.set(null);
        return true;
    }

    public boolean edit(ProbeRow row, String commandText) {
        List<String> argv = parse(commandText);
        if (argv == null) return false;
        String command = CommandLineSplitter.join(argv);
        boolean named = !row.nameProperty().get().equals(row.commandProperty().get());
        row.update(named ? row.nameProperty().get() : command, argv, command);
        if ("suggested".equals(row.sourceProperty().get()) || "default".equals(row.sourceProperty().get())) {
            row.setSource("user");
        }
        dirty.set(true);
        message.set(null);
        return true;
    }

    public void remove(ProbeRow row) {
        if (rows.remove(row)) dirty.set(true);
    }

    private List<String> parse(String text) {
        try {
            List<String> argv = CommandLineSplitter.split(text == null ? "" : text.trim());
            if (argv.isEmpty()) {
                message.set("Type a command, e.g. python3 -c 'import numpy'");
                return null;
            }
            return argv;
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return null;
        }
    }

    /** The probes as the comparison runs them (disabled ones are kept, so reports can show them as skipped). */
    public List<Probe> probes() {
        return rows.stream().map(ProbeRow::toProbe).toList();
    }

    /** Writes the project's and the user's probes to .baseshift.json, keeping everything else in that file. */
    public void save() {
        if (projectDir == null) return;
        // a suggested probe switched off is saved as off, so it stays off when the project is opened again; the
        // image's own entrypoint (no command) cannot be written and is always suggested anew
        List<Probe> toSave = rows.stream()
                .filter(r -> !"default".equals(r.sourceProperty().get()))
                .filter(r -> !"suggested".equals(r.sourceProperty().get()) || !r.enabledProperty().get())
                .map(ProbeRow::toProbe).toList();
        Path dir = projectDir;
        ProjectConfig base = config;
        runner.run(() -> {
            ProjectConfig saved = base.withProbes(toSave);
            saved.save(dir);
            return saved;
        }, saved -> {
            config = saved;
            rows.stream().filter(r -> "user".equals(r.sourceProperty().get())
                    || ("suggested".equals(r.sourceProperty().get()) && !r.enabledProperty().get()))
                    .forEach(r -> r.setSource("project"));
            dirty.set(false);
            message.set("Saved " + toSave.size() + " probe" + (toSave.size() == 1 ? "" : "s") + " to "
                    + ProjectConfig.FILE_NAME);
        }, error -> message.set("Could not save " + ProjectConfig.FILE_NAME + ": " + UserMessages.of(error)));
    }
}
