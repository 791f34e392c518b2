package dev.baseshift.cli;

import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.engine.EngineException;
import dev.baseshift.engine.EngineLocator;

/** The engine the command line talks to: the first that answers, searched like the Docker CLI does. */
final class Engines {
    private Engines() {}

    static ContainerEngine locate() throws EngineException {
        return EngineLocator.fromSystem().locate();
    }
}
