package dev.baseshift.chart;

import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.VariantResult;
import javafx.scene.Scene;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class LayerChartTest {
    private LayerChart chart;

    @Start
    void start(Stage stage) {
        chart = new LayerChart();
        stage.setScene(new Scene(chart, 900, 500));
        stage.show();
    }

    private List<Rectangle> segments(String styleClass) {
        return chart.getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Rectangle && n.getStyleClass().contains(styleClass))
                .map(n -> (Rectangle) n).toList();
    }

    @Test
    void drawsOneStackPerBuiltVariantWithBaseAndAppColourFamilies(FxRobot robot) {
        robot.interact(() -> chart.setBars(ChartBar.of(ChartSamples.pythonFamily(), "distroless")));

        // full 5+3, slim 4+3, alpine failed (no bar), distroless 3+3
        assertThat(segments("base-layer")).hasSize(12);
        assertThat(segments("app-layer")).hasSize(9);
        Set<Object> baseFills = segments("base-layer").stream().map(Rectangle::getFill).collect(Collectors.toSet());
        Set<Object> appFills = segments("app-layer").stream().map(Rectangle::getFill).collect(Collectors.toSet());
        assertThat(baseFills).doesNotContainAnyElementsOf(appFills);
        assertThat(baseFills).allMatch(c -> ((javafx.scene.paint.Color) c).getBlue() > ((javafx.scene.paint.Color) c).getRed());
        assertThat(appFills).allMatch(c -> ((javafx.scene.paint.Color) c).getRed() > ((javafx.scene.paint.Color) c).getBlue());

        List<String> texts = chart.getChildrenUnmodifiable().stream().filter(n -> n instanceof Text && n.isVisible())
                .map(n -> ((Text) n).getText()).toList();
        assertThat(texts).contains("230MB", "original", "90MB", "−61%", "45MB", "−80%", "✗ build failed",
                "distroless ★", "full (original)");
    }

    @Test
    void segmentHeightsAreProportionalToLayerSizesAndStackUpwards(FxRobot robot) {
        robot.interact(() -> chart.setBars(ChartBar.of(List.of(
                ChartSamples.built(Tier.FULL, "python:3.12", true, 100_000_000, 1, 50_000_000, 1)), null)));
        Rectangle base = segments("base-layer").get(0);
        Rectangle app = segments("app-layer").get(0);
        assertThat(base.getHeight()).isCloseTo(2 * app.getHeight(), org.assertj.core.data.Offset.offset(1.0));
        assertThat(app.getY() + app.getHeight()).isCloseTo(base.getY(), org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void clickingASegmentSelectsThatLayer(FxRobot robot) {
        robot.interact(() -> chart.setBars(ChartBar.of(ChartSamples.pythonFamily(), null)));
        Rectangle target = segments("app-layer").get(1);
        // a click as the scene delivers it (the glass robot's pointer is unreliable once another test started the toolkit)
        robot.interact(() -> javafx.event.Event.fireEvent(target, new javafx.scene.input.MouseEvent(
                javafx.scene.input.MouseEvent.MOUSE_CLICKED, 5, 5, 5, 5, javafx.scene.input.MouseButton.PRIMARY, 1,
                false, false, false, false, true, false, false, true, false, true, null)));
        LayerChart.SelectedLayer selected = chart.selectedLayerProperty().get();
        assertThat(selected).isNotNull();
        assertThat(selected.bar().label()).isEqualTo("full");
        assertThat(selected.layer().createdBy()).isEqualTo("RUN pip install step 1");
        assertThat(target.getStroke()).isNotNull();
        assertThat(LayerChart.describe(selected.bar(), selected.layer()))
                .contains("10MB").contains("your layer").contains("RUN pip install step 1");
    }

    @Test
    void tenVariantsOfFortyLayersLayOutQuickly(FxRobot robot) {
        List<VariantResult> many = new ArrayList<>();
        Tier[] tiers = Tier.values();
        for (int i = 0; i < 10; i++) {
            many.add(ChartSamples.built(tiers[i % tiers.length], "img" + i, i == 0, 3_000_000L + i, 20,
                    1_000_000L * (i + 1), 20));
        }
        List<ChartBar> bars = ChartBar.of(many, null);
        long[] best = {Long.MAX_VALUE};
        for (int round = 0; round < 5; round++) {
            robot.interact(() -> {
                long t0 = System.nanoTime();
                chart.setBars(bars);
                chart.applyCss();
                chart.layout();
                best[0] = Math.min(best[0], System.nanoTime() - t0);
            });
        }
        System.out.printf("chart 10x40 layout: %.1f ms (best of 5)%n", best[0] / 1e6);
        assertThat(segments("base-layer").size() + segments("app-layer").size()).isEqualTo(400);
        // every bar lies inside the chart
        assertThat(segments("app-layer")).allMatch(r -> r.getY() >= 0 && r.getX() + r.getWidth() <= chart.getWidth());
        assertThat(best[0] / 1e6).isLessThan(200);
    }

    private Text text(String value) {
        return chart.getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Text t && t.isVisible() && value.equals(t.getText()))
                .map(n -> (Text) n).findFirst().orElseThrow(() -> new AssertionError("no visible text " + value));
    }

    @Test
    void aBuiltVariantThatFailsItsProbesDoesNotReadAsTheBestSaving(FxRobot robot) {
        List<VariantResult> family = ChartSamples.pythonFamily();
        List<VariantResult> probed = List.of(ChartSamples.withProbes(family.get(0), 3, 3),
                ChartSamples.withProbes(family.get(1), 0, 3), family.get(2),
                ChartSamples.withProbes(family.get(3), 3, 3));
        robot.interact(() -> chart.setBars(ChartBar.of(probed, "distroless")));

        // slim saves 61% but passes no probe: its saving is not green, a red note says so, its bar is washed out
        Text slimSaved = text("−61%");
        assertThat(slimSaved.getFill()).isNotEqualTo(text("−80%").getFill());
        assertThat(((javafx.scene.paint.Color) text("−80%").getFill()).getGreen())
                .isGreaterThan(((javafx.scene.paint.Color) text("−80%").getFill()).getRed());
        Text note = text("✗ 0/3 probes pass");
        javafx.scene.paint.Color red = (javafx.scene.paint.Color) note.getFill();
        assertThat(red.getRed()).isGreaterThan(red.getGreen() + 0.3);
        assertThat(note.getBoundsInParent().getMaxY()).isLessThan(slimSaved.getBoundsInParent().getMinY() + 1);
        assertThat(segments("fails-probes")).hasSize(7)
                .allMatch(r -> ((javafx.scene.paint.Color) r.getFill()).getOpacity() < 0.6);
        // variants passing every probe carry no failure mark; the build failure reads as a failure
        assertThat(chart.getChildrenUnmodifiable().stream().filter(n -> n instanceof Text t && t.isVisible())
                .map(n -> ((Text) n).getText())).filteredOn(t -> t.contains("probes pass")).hasSize(1);
        assertThat(((javafx.scene.paint.Color) text("✗ build failed").getFill()).getRed()).isGreaterThan(0.6);
        assertThat(((javafx.scene.paint.Color) text("slim").getFill()).getRed()).isGreaterThan(0.6);
        assertThat(((javafx.scene.paint.Color) text("distroless ★").getFill()).getRed()).isLessThan(0.3);
    }
}
