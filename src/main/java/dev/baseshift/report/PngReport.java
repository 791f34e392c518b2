package dev.baseshift.report;

import dev.baseshift.chart.ChartBar;
import dev.baseshift.chart.FxRuntime;
import dev.baseshift.chart.LayerChart;
import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.compare.Recommendation;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The layer chart as a PNG, rendered at 2× for crisp text, with title and legend. Works without a display. */
public final class PngReport {
    /** Pixel density of the file relative to the on-screen chart. */
    public static final int SCALE = 2;
    static final double HEIGHT = 480;

    private PngReport() {}

    public static void write(ComparisonResult result, Path file) throws IOException {
        Recommendation rec = result.recommendation();
        List<ChartBar> bars = ChartBar.of(result.variants(), rec != null && rec.present() ? rec.label() : null);
        write(bars, title(result), file);
    }

    static String title(ComparisonResult result) {
        return "BaseShift — " + result.plan().projectSlug() + " (" + result.plan().dockerfilePath()
                + "): image size per base";
    }

    /** Logical width that gives each bar room for its labels. */
    static double width(int bars) {
        return Math.max(640, 96 + 120.0 * bars);
    }

    public static void write(List<ChartBar> bars, String title, Path file) throws IOException {
        try {
            FxRuntime.ensureStarted();
        } catch (IllegalStateException e) {
            throw new IOException("cannot render " + file + ": " + e.getMessage());
        }
        WritableImage image;
        try {
            image = FxRuntime.onFxThread(() -> render(bars, title));
        } catch (Exception e) {
            throw new IOException("cannot render " + file + ": " + e.getMessage(), e);
        }
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        if (!ImageIO.write(out, "png", file.toFile())) throw new IOException("no PNG writer available");
    }

    private static WritableImage render(List<ChartBar> bars, String title) {
        LayerChart chart = new LayerChart();
        chart.setTitle(title);
        chart.setBars(bars);
        chart.setStyle("-fx-background-color: white;");
        double w = width(bars.size());
        Scene scene = new Scene(chart, w, HEIGHT, Color.WHITE);
        chart.applyCss();
        chart.resize(w, HEIGHT);
        chart.layout();
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.WHITE);
        params.setTransform(Transform.scale(SCALE, SCALE));
        WritableImage img = new WritableImage((int) Math.round(w * SCALE), (int) Math.round(HEIGHT * SCALE));
        scene.getRoot().snapshot(params, img);
        return img;
    }
}
