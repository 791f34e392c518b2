package dev.baseshift.compare;

import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.plan.Plan;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Builds, measures and probes every variant of a plan with bounded parallelism.
 *
 * <p>Every image and container carries {@link #SESSION_LABEL} (a fresh uuid per comparison) and
 * {@link #PROJECT_LABEL}. At start, leftovers of crashed comparisons are swept: only sessions registered in
 * {@link Sessions} whose process is gone, so a comparison running elsewhere on a shared engine is never touched.
 */
public final class ComparisonService {
    public static final String SESSION_LABEL = "dev.baseshift.session";
    public static final String PROJECT_LABEL = "dev.baseshift.project";

    private static final ExecutorService DEFAULT_POOL = Executors.newCachedThreadPool(daemonThreads());

    private final ContainerEngine engine;
    private final Executor executor;
    private final Sessions sessions;

    /** Runs variants on a shared pool of daemon threads; sessions registered in the user's state folder. */
    public ComparisonService(ContainerEngine engine) {
        this(engine, DEFAULT_POOL, Sessions.userDefault());
    }

    /**
     * @param executor runs the workers ({@code options.parallel()} of them per comparison); {@code Runnable::run}
     *                 makes {@link #start} run the whole comparison on the calling thread, for deterministic tests
     */
    public ComparisonService(ContainerEngine engine, Executor executor, Sessions sessions) {
        this.engine = engine;
        this.executor = executor;
        this.sessions = sessions;
    }

    /** Starts in the background; events stream to {@code listener} from the service's threads. */
    public ComparisonRun start(Plan plan, CompareOptions options, Consumer<ComparisonEvent> listener) {
        RunningComparison run = new RunningComparison(engine, sessions, plan, options, listener);
        run.launch(executor);
        return run;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "baseshift-compare-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
