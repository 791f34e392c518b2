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
 * <p>Variant images are tagged {@code baseshift/<project key>:<tier>} and carry only stable labels
 * ({@link #PROJECT_LABEL}, the inputs digest, {@link #BASE_LABEL}), so the builder's cache serves every unchanged step
 * and a variant whose inputs did not change is not built at all. They stay as the project's cache until its next
 * comparison replaces them or the user removes them ({@code baseshift clean}, the app's Remove). Probe containers
 * carry {@link #SESSION_LABEL} (a fresh uuid per comparison) and never outlive it; at start, containers of crashed
 * comparisons are swept: only sessions registered in {@link Sessions} whose process is gone, so a comparison running
 * elsewhere on a shared engine is never touched. Two comparisons of one project take turns (a project lock).
 */
public final class ComparisonService {
    public static final String SESSION_LABEL = "dev.baseshift.session";
    public static final String PROJECT_LABEL = "dev.baseshift.project";
    /** The id (hex) of the base image a variant image was built on: what it holds above it is BaseShift's. */
    public static final String BASE_LABEL = "dev.baseshift.base";

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
