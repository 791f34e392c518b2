package dev.baseshift.ui.project;

import dev.baseshift.plan.Probe;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.List;

/** One probe in the editor. The check box edits {@link #enabledProperty()} directly; text changes go through the model. */
public final class ProbeRow {
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name");
    private final ReadOnlyStringWrapper command = new ReadOnlyStringWrapper(this, "command");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source");
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled");
    private List<String> argv;

    ProbeRow(Probe probe) {
        name.set(probe.name());
        command.set(probe.command());
        source.set(probe.source());
        enabled.set(probe.enabled());
        argv = probe.argv();
    }

    public ReadOnlyStringProperty nameProperty() { return name.getReadOnlyProperty(); }
    public ReadOnlyStringProperty commandProperty() { return command.getReadOnlyProperty(); }
    /** suggested, project, user or default */
    public ReadOnlyStringProperty sourceProperty() { return source.getReadOnlyProperty(); }
    public BooleanProperty enabledProperty() { return enabled; }

    void update(String newName, List<String> newArgv, String newCommand) {
        name.set(newName);
        argv = List.copyOf(newArgv);
        command.set(newCommand);
    }

    void setSource(String value) { source.set(value); }

    public Probe toProbe() {
        return new Probe(name.get(), argv, source.get(), enabled.get());
    }
}
