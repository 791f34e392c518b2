package dev.baseshift.chart;

import javafx.application.Platform;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Starts the JavaFX toolkit for rendering outside the desktop app (the CLI's {@code compare --png}). On Linux without a
 * display it switches to Monocle's headless platform and the software renderer, so CI needs no X server.
 */
public final class FxRuntime {
    private static boolean started;
    /** Held: java.util.logging keeps only weak references to loggers, and the level must outlive this call. */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private FxRuntime() {}

    /**
     * JavaFX warns "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'" on every start from
     * a plain class path (how the jar runs): noise on the user's terminal. Its other warnings stay.
     */
    public static void quietClassPathWarning() {
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    /** @throws IllegalStateException with a user-facing reason when JavaFX cannot start here */
    public static synchronized void ensureStarted() {
        if (started) return;
        if (needsHeadless()) {
            if (!monocleAvailable()) {
                throw new IllegalStateException("no display to render the chart on (DISPLAY is not set) and the "
                        + "headless renderer is not on the class path; run under xvfb-run");
            }
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        quietClassPathWarning();
        CountDownLatch latch = new CountDownLatch(1);
        try {
            Platform.startup(latch::countDown);
            await(latch);
        } catch (IllegalStateException alreadyRunning) {
            // the desktop app or a test started the toolkit already: use it
        } catch (RuntimeException e) {
            throw new IllegalStateException("JavaFX could not start: " + e.getMessage(), e);
        }
        Platform.setImplicitExit(false);
        started = true;
    }

    /** Runs {@code work} on the FX thread (directly when already there) and returns its value. */
    public static <T> T onFxThread(Callable<T> work) throws Exception {
        if (Platform.isFxApplicationThread()) return work.call();
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        try {
            return task.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) throw ex;
            throw e;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("JavaFX did not start in 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting JavaFX");
        }
    }

    private static boolean needsHeadless() {
        if (System.getProperty("glass.platform") != null) return false; // the caller chose (tests, -D options)
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) return false;
        return isBlank(System.getenv("DISPLAY")) && isBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean monocleAvailable() {
        try {
            Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory", false, FxRuntime.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
