package dev.baseshift.cli;

import dev.baseshift.compare.ComparisonResult;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * {@code --png}: the chart is drawn by the desktop app's chart code ({@code report.PngReport}), which needs JavaFX.
 * Looked up at run time so the command line keeps working in a build or runtime without the chart renderer.
 */
final class PngExport {
    private static final String RENDERER = "dev.baseshift.report.PngReport";

    private PngExport() {}

    static boolean available() {
        return renderer() != null;
    }

    static void write(ComparisonResult result, Path file) throws IOException {
        Method m = renderer();
        if (m == null) throw new IOException("this build has no chart renderer (" + RENDERER + ")");
        try {
            m.invoke(null, result, file);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            throw new IOException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } catch (IllegalAccessException e) {
            throw new IOException("the chart renderer cannot be called: " + e.getMessage(), e);
        }
    }

    private static Method renderer() {
        try {
            return Class.forName(RENDERER).getMethod("write", ComparisonResult.class, Path.class);
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return null;
        }
    }
}
