package dev.baseshift.engine;

/** The project's build context (pending the engine implementation). */
public final class BuildContext {
}
