package dev.baseshift.ui.run;

import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.VariantStatus;
import javafx.scene.Scene;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Compare tab's progress bars say how each variant ended, not just that it ended. */
@ExtendWith(ApplicationExtension.class)
class RunProgressTest {
    private final VariantRunRow built = new VariantRunRow(Tier.FULL, "python:3.12", 0);
    private final VariantRunRow failed = new VariantRunRow(Tier.ALPINE, "python:3.12-alpine", 0);
    private final VariantRunRow cancelled = new VariantRunRow(Tier.SLIM, "python:3.12-slim", 0);
    private TableView<VariantRunRow> table;

    @Start
    void start(Stage stage) {
        table = new TableView<>();
        table.getColumns().add(RunView.progressColumn());
        table.getItems().addAll(built, failed, cancelled);
        Scene scene = new Scene(table, 400, 200);
        scene.getStylesheets().add(RunView.class.getResource("/dev/baseshift/ui/baseshift.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private Color barColour(int row) {
        List<ProgressBar> bars = table.lookupAll(".progress-bar").stream().map(n -> (ProgressBar) n)
                .filter(b -> b.getParent() != null && b.isVisible()).toList();
        ProgressBar bar = bars.stream().filter(b -> ((javafx.scene.control.TableCell<?, ?>) b.getParent())
                .getIndex() == row).findFirst().orElseThrow();
        Region fill = (Region) bar.lookup(".bar");
        var fills = fill.getBackground().getFills();
        javafx.scene.paint.Paint paint = fills.get(fills.size() - 1).getFill();
        // the default accent bar is a gradient: its middle colour stands for it
        return paint instanceof javafx.scene.paint.LinearGradient g ? g.getStops().get(g.getStops().size() / 2).getColor()
                : (Color) paint;
    }

    @Test
    void failedBarsAreRedCancelledOnesGreyAndSuccessesKeepTheAccent(FxRobot robot) {
        robot.interact(() -> {
            built.status(VariantStatus.BUILT, null, 1);
            failed.status(VariantStatus.BUILDING, null, 1);
            failed.status(VariantStatus.BUILD_FAILED, "apk: not found", 2);
            cancelled.status(VariantStatus.CANCELLED, null, 1);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Color ok = barColour(0);
        Color red = barColour(1);
        Color grey = barColour(2);
        assertThat(ok.getBlue()).isGreaterThan(ok.getRed());
        assertThat(red.getRed()).isGreaterThan(red.getBlue() + 0.3);
        assertThat(Math.abs(grey.getRed() - grey.getBlue())).isLessThan(0.1);
        assertThat(grey).isNotEqualTo(ok);
    }
}
