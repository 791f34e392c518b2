package dev.baseshift.compare;

import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.plan.Plan;

import java.util.function.Consumer;

/** Builds, measures and probes every variant of a plan with bounded parallelism. */
public final class ComparisonService {
    private final ContainerEngine engine;

    public ComparisonService(ContainerEngine engine) {
        this.engine = engine;
    }

    /** Starts in the background; events stream to {@code listener} from the service's threads. */
    public ComparisonRun start(Plan plan, CompareOptions options, Consumer<ComparisonEvent> listener) {
        throw new IllegalStateException("pending: " + engine);
    }
}
