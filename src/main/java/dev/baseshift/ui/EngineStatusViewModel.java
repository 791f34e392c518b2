package dev.baseshift.ui;

import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.engine.EngineInfo;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The engine line of the status bar: which engine answered, or why none did, and a retry. */
public final class EngineStatusViewModel {

    public enum State { CHECKING, READY, UNAVAILABLE }

    private final TaskRunner runner;
    private final EngineConnector connector;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.CHECKING);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Looking for a container engine…");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyObjectWrapper<ContainerEngine> engine = new ReadOnlyObjectWrapper<>(this, "engine");
    private final ReadOnlyObjectWrapper<EngineInfo> info = new ReadOnlyObjectWrapper<>(this, "info");

    private boolean busy;

    public EngineStatusViewModel(TaskRunner runner, EngineConnector connector) {
        this.runner = runner;
        this.connector = connector;
    }

    public ReadOnlyObjectProperty<State> stateProperty() { return state.getReadOnlyProperty(); }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    /** The attempts and how to fix it, when no engine answered. */
    public ReadOnlyStringProperty detailProperty() { return detail.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ContainerEngine> engineProperty() { return engine.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<EngineInfo> infoProperty() { return info.getReadOnlyProperty(); }

    public ContainerEngine engine() { return engine.get(); }

    /** Looks for an engine in the background (also the Retry button). */
    public void connect() {
        if (busy) return;
        busy = true;
        ContainerEngine old = engine.get();
        engine.set(null);
        info.set(null);
        state.set(State.CHECKING);
        summary.set("Looking for a container engine…");
        detail.set("");
        runner.run(() -> {
            if (old != null) old.close();
            ContainerEngine e = connector.connect();
            return new Object[] {e, e.info()};
        }, found -> {
            busy = false;
            ContainerEngine e = (ContainerEngine) found[0];
            EngineInfo i = (EngineInfo) found[1];
            info.set(i);
            summary.set(describe(i));
            detail.set((i.foundVia() == null ? "" : "found via " + i.foundVia())
                    + (i.fallbackNote() == null ? "" : " — " + i.fallbackNote()));
            engine.set(e);
            state.set(State.READY);
        }, error -> {
            busy = false;
            summary.set("No engine reachable");
            detail.set(UserMessages.of(error));
            state.set(State.UNAVAILABLE);
        });
    }

    static String describe(EngineInfo i) {
        return i.name() + " " + i.version() + " · API " + i.apiVersion() + " · " + i.endpoint()
                // the engine the user named did not answer: say so where they look, the rest behind Details…
                + (i.passedOver() == null ? "" : " (" + i.passedOver().split(" ")[0] + " did not answer)");
    }

    /** Closes the engine connection (window closing; any thread, so the properties are left as they are). */
    public void close() {
        ContainerEngine e = engine.get();
        if (e != null) e.close();
    }
}
