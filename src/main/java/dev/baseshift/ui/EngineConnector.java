package dev.baseshift.ui;

import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.engine.EngineException;

/** Finds a container engine (blocking, time-bounded). The app uses the engine locator; tests may point elsewhere. */
@FunctionalInterface
public interface EngineConnector {
    ContainerEngine connect() throws EngineException;
}
