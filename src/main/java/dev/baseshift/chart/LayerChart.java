package dev.baseshift.chart;

import dev.baseshift.compare.LayerMeasure;
import dev.baseshift.compare.Sizes;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stacked bar chart of image layers: one bar per variant, one segment per layer, base layers in blues and the
 * project's own layers in oranges. Shared by the desktop app and the PNG export, so it draws everything itself
 * (title, axis, labels, legend) and needs no stylesheet.
 *
 * <p>Nodes are created once per {@link #setBars data change}; {@link #layoutChildren()} only positions them, so
 * resizing stays cheap even with hundreds of layers.
 */
public final class LayerChart extends Region {

    /** A clicked segment. */
    public record SelectedLayer(ChartBar bar, LayerMeasure layer) {}

    static final Color[] BASE_COLOURS = {Color.web("#1f5f9e"), Color.web("#3b7fc4"), Color.web("#6aa3db")};
    static final Color[] APP_COLOURS = {Color.web("#c8641c"), Color.web("#e8893a"), Color.web("#f4b072")};
    private static final Color AXIS = Color.web("#6b7280");
    private static final Color GRID = Color.web("#e5e7eb");
    private static final Color TEXT = Color.web("#1f2937");
    private static final Color SAVED = Color.web("#047857");
    private static final Color LARGER = Color.web("#b91c1c");
    private static final Font SMALL = Font.font("System", 11);
    private static final Font NORMAL = Font.font("System", 12);
    private static final Font BOLD = Font.font("System", FontWeight.BOLD, 12);

    private static final double AXIS_WIDTH = 64;
    private static final double TOP_LABELS = 54;
    private static final double BOTTOM_LABELS = 40;

    private final StringProperty title = new SimpleStringProperty(this, "title", "");
    private final ReadOnlyObjectWrapper<SelectedLayer> selectedLayer = new ReadOnlyObjectWrapper<>(this, "selectedLayer");

    private final Label titleLabel = new Label();
    private final HBox legend = new HBox(18);
    private final Text emptyText = new Text("No results yet");
    private final List<BarNodes> barNodes = new ArrayList<>();
    private final List<Node> axisNodes = new ArrayList<>();
    private final Tooltip tooltip = new Tooltip();
    private List<ChartBar> bars = List.of();
    private Rectangle selectedRect;

    private static final class BarNodes {
        final ChartBar bar;
        final List<Rectangle> segments = new ArrayList<>();
        final Text total = new Text();
        final Text saved = new Text();
        final Text tier = new Text();
        final Text base = new Text();
        final Text note = new Text();
        final Text probes = new Text();

        BarNodes(ChartBar bar) {
            this.bar = bar;
        }
    }

    public LayerChart() {
        getStyleClass().add("layer-chart");
        setPadding(new Insets(12));
        setMinSize(320, 240);
        setPrefSize(720, 420);
        titleLabel.textProperty().bind(title);
        titleLabel.setFont(Font.font("System", FontWeight.BOLD, 15));
        titleLabel.setTextFill(TEXT);
        titleLabel.managedProperty().bind(title.isNotEmpty());
        titleLabel.visibleProperty().bind(title.isNotEmpty());
        legend.setAlignment(Pos.CENTER);
        legend.getChildren().addAll(legendItem("Base image layers", BASE_COLOURS), legendItem("Your layers", APP_COLOURS));
        emptyText.setFont(NORMAL);
        emptyText.setFill(AXIS);
        tooltip.setShowDelay(Duration.millis(400));
        getChildren().addAll(titleLabel, legend, emptyText);
    }

    private static Node legendItem(String text, Color[] colours) {
        HBox swatches = new HBox(0);
        for (Color c : colours) swatches.getChildren().add(new Rectangle(10, 12, c));
        Label label = new Label(text, swatches);
        label.setFont(NORMAL);
        label.setTextFill(TEXT);
        label.setGraphicTextGap(6);
        return label;
    }

    public StringProperty titleProperty() { return title; }

    public void setTitle(String value) { title.set(value); }

    /** The segment the user clicked last, or null. */
    public ReadOnlyObjectProperty<SelectedLayer> selectedLayerProperty() { return selectedLayer.getReadOnlyProperty(); }

    public List<ChartBar> getBars() { return bars; }

    /** Replaces the data; the chart builds its nodes now and positions them on the next layout pass. */
    public void setBars(List<ChartBar> newBars) {
        bars = List.copyOf(newBars);
        getChildren().removeIf(n -> n != titleLabel && n != legend && n != emptyText);
        barNodes.clear();
        axisNodes.clear();
        selectedRect = null;
        selectedLayer.set(null);
        emptyText.setVisible(bars.isEmpty());
        List<Node> added = new ArrayList<>();
        for (ChartBar bar : bars) {
            BarNodes nodes = new BarNodes(bar);
            int baseCount = 0;
            int appCount = 0;
            for (LayerMeasure layer : bar.layers()) {
                if (layer.sizeBytes() <= 0) continue; // metadata-only layers (ENV, CMD) have no height
                Color fill = layer.fromBase() ? BASE_COLOURS[baseCount++ % BASE_COLOURS.length]
                        : APP_COLOURS[appCount++ % APP_COLOURS.length];
                Rectangle r = new Rectangle();
                // a variant that fails its probes is drawn washed out, so its size does not read as a win
                r.setFill(bar.failsProbes() ? fill.desaturate().desaturate().deriveColor(0, 1, 1, 0.45) : fill);
                r.getStyleClass().addAll("layer-segment", layer.fromBase() ? "base-layer" : "app-layer");
                if (bar.failsProbes()) r.getStyleClass().add("fails-probes");
                r.setUserData(new SelectedLayer(bar, layer));
                r.setOnMouseEntered(e -> tooltip.setText(describe(bar, layer)));
                r.setOnMouseClicked(e -> select(r));
                Tooltip.install(r, tooltip);
                nodes.segments.add(r);
                added.add(r);
            }
            text(nodes.total, Sizes.format(bar.totalBytes()), BOLD, TEXT);
            text(nodes.saved, savedText(bar), SMALL, bar.original() || bar.failsProbes() ? AXIS
                    : bar.savedPercent() != null && bar.savedPercent() < 0 ? LARGER : SAVED);
            text(nodes.probes, bar.probeNote(), BOLD, LARGER);
            nodes.probes.getStyleClass().add("probe-note");
            text(nodes.tier, bar.label() + (bar.original() ? " (original)" : "") + (bar.recommended() ? " ★" : ""),
                    BOLD, TEXT);
            text(nodes.base, bar.base(), SMALL, AXIS);
            text(nodes.note, bar.note() == null ? "" : "✗ " + bar.note(), BOLD, LARGER);
            nodes.total.setVisible(bar.note() == null);
            nodes.saved.setVisible(bar.note() == null);
            nodes.tier.getStyleClass().add("bar-label");
            if (bar.note() != null || bar.failsProbes()) nodes.tier.setFill(LARGER);
            added.addAll(List.of(nodes.total, nodes.saved, nodes.tier, nodes.base, nodes.note, nodes.probes));
            barNodes.add(nodes);
        }
        getChildren().addAll(added);
        requestLayout();
    }

    private static void text(Text t, String value, Font font, Color fill) {
        t.setText(value);
        t.setFont(font);
        t.setFill(fill);
        t.setTextOrigin(VPos.TOP);
        t.setTextAlignment(TextAlignment.CENTER);
    }

    static String savedText(ChartBar bar) {
        if (bar.original()) return "original";
        if (bar.savedPercent() == null) return "";
        double p = bar.savedPercent();
        return p >= 0 ? String.format(Locale.ROOT, "−%.0f%%", p) : String.format(Locale.ROOT, "+%.0f%%", -p);
    }

    static String describe(ChartBar bar, LayerMeasure layer) {
        String createdBy = layer.createdBy() == null ? "" : layer.createdBy().strip();
        if (createdBy.length() > 160) createdBy = createdBy.substring(0, 157) + "…";
        return bar.label() + " · layer " + (layer.index() + 1) + " · " + Sizes.format(layer.sizeBytes())
                + (layer.fromBase() ? " · from the base image" : " · your layer") + "\n" + createdBy;
    }

    private void select(Rectangle r) {
        if (selectedRect != null) selectedRect.setStroke(null);
        selectedRect = r;
        r.setStroke(Color.BLACK);
        r.setStrokeWidth(2);
        selectedLayer.set((SelectedLayer) r.getUserData());
    }

    /** Selects a layer programmatically (keyboard users, tests); no-op when it is not drawn. */
    public void select(String barLabel, int layerIndex) {
        for (BarNodes b : barNodes) {
            if (!b.bar.label().equals(barLabel)) continue;
            for (Rectangle r : b.segments) {
                if (((SelectedLayer) r.getUserData()).layer().index() == layerIndex) select(r);
            }
        }
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double x0 = in.getLeft();
        double y0 = in.getTop();
        double w = getWidth() - in.getLeft() - in.getRight();
        double h = getHeight() - in.getTop() - in.getBottom();

        if (titleLabel.isManaged()) {
            double th = titleLabel.prefHeight(w);
            titleLabel.resizeRelocate(x0, y0, w, th);
            y0 += th + 8;
            h -= th + 8;
        }
        double lh = legend.prefHeight(w);
        legend.resizeRelocate(x0, y0 + h - lh, w, lh);
        h -= lh + 8;

        double plotLeft = x0 + AXIS_WIDTH;
        double plotTop = y0 + TOP_LABELS;
        double plotW = Math.max(10, w - AXIS_WIDTH);
        double plotH = Math.max(10, h - TOP_LABELS - BOTTOM_LABELS);
        double plotBottom = plotTop + plotH;

        emptyText.relocate(plotLeft + (plotW - emptyText.getLayoutBounds().getWidth()) / 2, plotTop + plotH / 2);

        long max = 1;
        for (ChartBar b : bars) {
            long stacked = b.layers().stream().mapToLong(l -> Math.max(0, l.sizeBytes())).sum();
            max = Math.max(max, Math.max(b.totalBytes(), stacked));
        }
        long step = niceStep(max / 4.0);
        long top = ((max + step - 1) / step) * step;
        double scale = plotH / top;

        getChildren().removeAll(axisNodes);
        axisNodes.clear();
        for (long v = 0; v <= top; v += step) {
            double y = snap(plotBottom - v * scale);
            Line grid = new Line(plotLeft, y, plotLeft + plotW, y);
            grid.setStroke(v == 0 ? AXIS : GRID);
            Text t = new Text(Sizes.format(v));
            t.setFont(SMALL);
            t.setFill(AXIS);
            t.setTextOrigin(VPos.CENTER);
            t.relocate(plotLeft - 8 - t.getLayoutBounds().getWidth(), y - t.getLayoutBounds().getHeight() / 2);
            axisNodes.add(grid);
            axisNodes.add(t);
        }
        getChildren().addAll(0, axisNodes);

        int n = Math.max(1, barNodes.size());
        double slot = plotW / n;
        double barW = Math.min(90, slot * 0.6);
        for (int i = 0; i < barNodes.size(); i++) {
            BarNodes b = barNodes.get(i);
            double cx = plotLeft + slot * (i + 0.5);
            double bx = snap(cx - barW / 2);
            double y = plotBottom;
            for (Rectangle r : b.segments) {
                double sh = ((SelectedLayer) r.getUserData()).layer().sizeBytes() * scale;
                sh = Math.max(sh, 1); // a non-empty layer stays visible (and clickable) however small
                r.setX(bx);
                r.setWidth(snap(barW));
                r.setY(y - sh);
                r.setHeight(sh);
                y -= sh;
            }
            double barTop = Math.min(y, plotBottom - b.bar.totalBytes() * scale);
            center(b.saved, cx, barTop - 4 - b.saved.getLayoutBounds().getHeight());
            double totalY = barTop - 4 - b.saved.getLayoutBounds().getHeight() - b.total.getLayoutBounds().getHeight();
            center(b.total, cx, totalY);
            center(b.probes, cx, totalY - b.probes.getLayoutBounds().getHeight());
            center(b.note, cx, plotBottom - 4 - b.note.getLayoutBounds().getHeight());
            fit(b.tier, b.bar.label() + (b.bar.original() ? " (original)" : "") + (b.bar.recommended() ? " ★" : ""), slot - 6);
            fit(b.base, b.bar.base(), slot - 6);
            center(b.tier, cx, plotBottom + 6);
            center(b.base, cx, plotBottom + 6 + b.tier.getLayoutBounds().getHeight() + 1);
        }
    }

    private static void center(Text t, double cx, double y) {
        t.relocate(cx - t.getLayoutBounds().getWidth() / 2, y);
    }

    /** Shortens a label with an ellipsis in the middle until it fits its slot (image names differ at the end). */
    private static void fit(Text t, String full, double width) {
        t.setText(full);
        if (t.getLayoutBounds().getWidth() <= width || full.length() < 6) return;
        int keep = full.length();
        while (keep > 4 && t.getLayoutBounds().getWidth() > width) {
            keep--;
            int head = keep / 2;
            t.setText(full.substring(0, head) + "…" + full.substring(full.length() - (keep - head)));
        }
    }

    private double snap(double v) {
        return Math.round(v) + 0.5;
    }

    /** A step of 1, 2 or 5 × 10^k decimal bytes, so axis labels read like the Docker CLI's sizes. */
    static long niceStep(double raw) {
        if (raw <= 1) return 1;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return Math.max(1, (long) (nice * mag));
    }
}
