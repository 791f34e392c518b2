package dev.baseshift.ui;

import dev.baseshift.catalog.Tier;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Slider;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A new user's walk through the window (issue 11, "The app"), without a container engine. */
@ExtendWith(ApplicationExtension.class)
class AppWalkTest {
    @TempDir
    static Path temp;

    private MainViewModel vm;
    private PoolTaskRunner runner;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        runner = new PoolTaskRunner(2);
        vm = new MainViewModel(UiTestSupport.services(runner, UiTestSupport.noEngine(temp), temp));
        stage.setScene(BaseShiftApp.scene(vm));
        stage.show();
        vm.start(null);
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Path project(String name, String dockerfile) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(name));
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        return dir;
    }

    private void openAndWait(FxRobot robot, Path dir) throws Exception {
        robot.interact(() -> vm.open(dir));
        waitFor(() -> vm.project().plan() != null && vm.project().plan().projectDir().equals(dir.toAbsolutePath().normalize())
                && !vm.project().loadingProperty().get());
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS); // the axis lays its labels out on the next pulse
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The slider's visible tick labels, left to right. */
    private static List<String> tickLabels(FxRobot robot) {
        Slider slider = robot.lookup("#base-slider").queryAs(Slider.class);
        Node axis = slider.lookup(".axis");
        return axis.lookupAll("Text").stream().filter(n -> n instanceof Text && n.isVisible())
                .map(n -> (Text) n).filter(t -> !t.getText().isEmpty())
                .sorted(Comparator.comparingDouble(t -> t.localToScene(t.getBoundsInLocal()).getMinX()))
                .map(Text::getText).toList();
    }

    private static CheckBox compareBox(FxRobot robot, Tier tier) {
        return robot.lookup("#compare-" + tier.id()).queryAs(CheckBox.class);
    }

    /** What each tier's label should read: the original marked. */
    private List<String> expectedLabels() {
        return vm.spectrum().tiers().stream().map(t -> t == vm.spectrum().originalTierProperty().get()
                ? "● " + t.id() + " (yours)" : t.id()).toList();
    }

    @Test
    void theSliderFollowsTheProjectItShowsAndTheOriginalIsLockedFromTheFirstLoad(FxRobot robot) throws Exception {
        waitFor(() -> vm.project().plan() != null);
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        // first load (the sample: python:3.12, original = full)
        assertThat(tickLabels(robot)).containsExactlyElementsOf(expectedLabels());
        assertThat(compareBox(robot, Tier.FULL).isDisabled()).as("the original is locked on first load").isTrue();
        assertThat(compareBox(robot, Tier.FULL).isSelected()).isTrue();
        assertThat(compareBox(robot, Tier.SLIM).isDisabled()).isFalse();

        // another family whose original is alpine and which has other tiers
        Path php = project("php-app", "FROM php:8.3-alpine\nCOPY . /app\nCMD [\"php\", \"/app/index.php\"]\n");
        openAndWait(robot, php);
        assertThat(vm.spectrum().originalTierProperty().get()).isEqualTo(Tier.ALPINE);
        assertThat(tickLabels(robot)).containsExactlyElementsOf(expectedLabels()).contains("● alpine (yours)")
                .doesNotContain("● full (yours)");
        assertThat(compareBox(robot, Tier.ALPINE).isDisabled()).isTrue();
        assertThat(compareBox(robot, Tier.FULL).isDisabled()).as("no longer the original").isFalse();
        Slider slider = robot.lookup("#base-slider").queryAs(Slider.class);
        int alpine = vm.spectrum().tiers().indexOf(Tier.ALPINE);
        assertThat(Math.round(slider.getValue())).as("the knob sits on the original").isEqualTo(alpine);
        robot.interact(() -> slider.setValue(0));
        assertThat(vm.spectrum().selectedTierProperty().get()).isEqualTo(vm.spectrum().tiers().get(0));
        assertThat(vm.spectrum().baseReferenceProperty().get()).startsWith("php:8.3");

        // and back to a python project whose original is slim
        Path slim = project("slim-app", "FROM python:3.12-slim\nCMD [\"python3\"]\n");
        openAndWait(robot, slim);
        assertThat(tickLabels(robot)).containsExactlyElementsOf(expectedLabels()).contains("● slim (yours)");
        assertThat(compareBox(robot, Tier.SLIM).isDisabled()).isTrue();
        assertThat(compareBox(robot, Tier.ALPINE).isDisabled()).isFalse();
        assertThat(compareBox(robot, Tier.FULL).isDisabled()).isFalse();
    }

    @Test
    void clickingATickLabelMovesTheSliderThere(FxRobot robot) throws Exception {
        waitFor(() -> vm.project().plan() != null);
        Slider slider = robot.lookup("#base-slider").queryAs(Slider.class);
        // on a loaded machine the axis is laid out a few pulses after the plan: click only once the label has a place
        waitFor(() -> slider.lookup(".axis") != null && slider.lookup(".axis").lookupAll("Text").stream()
                .anyMatch(n -> ((Text) n).getText().equals("alpine") && n.getBoundsInLocal().getWidth() > 0
                        && n.localToScreen(n.getBoundsInLocal()).getMinX() > 0));
        // the window may still shift (the engine banner arrives late on a loaded machine): each try clicks where
        // the label is now, and only a click that lands may move the knob
        // A real pointer click first. In the full suite, Monocle's headless screen may route the robot's pointer to
        // a stage another test class left behind; then the same click is delivered to this window's scene at the
        // label's place, which still proves the mapping from a click on the label to the tier.
        Text alpine = slider.lookup(".axis").lookupAll("Text").stream().map(n -> (Text) n)
                .filter(t -> t.getText().equals("alpine")).findFirst().orElseThrow();
        javafx.geometry.Bounds b = alpine.localToScreen(alpine.getBoundsInLocal());
        robot.clickOn(new javafx.geometry.Point2D(b.getCenterX(), b.getCenterY()));
        try {
            WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> vm.spectrum().selectedTierProperty().get() == Tier.ALPINE);
        } catch (java.util.concurrent.TimeoutException missed) {
            robot.interact(() -> {
                Text label = slider.lookup(".axis").lookupAll("Text").stream().map(n -> (Text) n)
                        .filter(t -> t.getText().equals("alpine")).findFirst().orElseThrow();
                javafx.geometry.Bounds s = label.localToScene(label.getBoundsInLocal());
                javafx.geometry.Point2D screen = label.localToScreen(label.getBoundsInLocal().getCenterX(),
                        label.getBoundsInLocal().getCenterY());
                javafx.event.Event.fireEvent(slider, new javafx.scene.input.MouseEvent(
                        javafx.scene.input.MouseEvent.MOUSE_CLICKED, s.getCenterX(), s.getCenterY(), screen.getX(),
                        screen.getY(), javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true,
                        false, false, true, false, true, null));
            });
        }
        waitFor(() -> vm.spectrum().selectedTierProperty().get() == Tier.ALPINE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.spectrum().selectedTierProperty().get()).isEqualTo(Tier.ALPINE);
        assertThat(Math.round(slider.getValue())).isEqualTo(vm.spectrum().tiers().indexOf(Tier.ALPINE));
    }
}
