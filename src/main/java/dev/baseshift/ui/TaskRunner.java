package dev.baseshift.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The view models' seam for background work. The app runs work on a small pool and hands results back on the FX
 * thread ({@link PoolTaskRunner}); view-model tests run everything on the calling thread ({@link #synchronous()}), so
 * they are deterministic and need no stage.
 */
public interface TaskRunner {

    /** Runs {@code work} in the background; exactly one of the callbacks then runs on the UI thread. */
    <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Delivers {@code action} to the UI thread (from any thread, e.g. comparison events). */
    void onUi(Runnable action);

    /**
     * Runs everything at once on the calling thread. Deliveries from other threads (comparison events) are serialised,
     * as the FX thread would serialise them.
     */
    static TaskRunner synchronous() {
        return new TaskRunner() {
            private final Object uiLock = new Object();

            @Override
            public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
                T value;
                try {
                    value = work.call();
                } catch (Exception | Error e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(value);
            }

            @Override
            public void onUi(Runnable action) {
                synchronized (uiLock) {
                    action.run();
                }
            }
        };
    }
}
