package dev.baseshift.ui;

import dev.baseshift.advice.Finding;
import dev.baseshift.ui.common.CodeLine;
import dev.baseshift.advice.Severity;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The window as a user drives it, on the bundled sample, without a container engine. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
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
        stage.titleProperty().bind(vm.titleProperty());
        stage.show();
        vm.start(null); // no folder: the bundled sample
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    private void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitForPlan() throws Exception {
        waitFor(() -> vm.project().plan() != null);
    }

    @SuppressWarnings("unchecked")
    private List<Finding> findings(FxRobot robot) {
        return List.copyOf(robot.lookup("#findings").queryAs(ListView.class).getItems());
    }

    @Test
    void sliderToAlpineShowsTheBaseAndTheFindings(FxRobot robot) throws Exception {
        waitForPlan();
        assertThat(stage.getTitle()).isEqualTo("BaseShift — sample");
        assertThat(robot.lookup("#variant-base").queryAs(Label.class).getText()).isEqualTo("python:3.12");

        Slider slider = robot.lookup("#base-slider").queryAs(Slider.class);
        int alpine = vm.spectrum().tiers().indexOf(dev.baseshift.catalog.Tier.ALPINE);
        robot.interact(() -> {
            slider.setValue(0);
            stage.requestFocus();
            slider.requestFocus();
        });
        assertThat(slider.isFocused()).isTrue();
        for (int i = 0; i < alpine; i++) { // keyboard-operable: the arrow keys step from tier to tier
            robot.interact(() -> javafx.event.Event.fireEvent(slider, new javafx.scene.input.KeyEvent(
                    javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", KeyCode.RIGHT, false, false, false, false)));
        }
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.spectrum().selectedTierProperty().get()).isEqualTo(dev.baseshift.catalog.Tier.ALPINE);
        assertThat(robot.lookup("#variant-base").queryAs(Label.class).getText()).contains("alpine");
        assertThat(findings(robot)).anySatisfy(f -> {
            assertThat(f.line()).isEqualTo(5); // RUN apt-get …
            assertThat(f.message() + f.fix()).containsIgnoringCase("apk");
        });
    }

    @Test
    void sliderToDistrolessFlagsTheShellFormCmdAtItsLine(FxRobot robot) throws Exception {
        waitForPlan();
        int distroless = vm.spectrum().tiers().indexOf(dev.baseshift.catalog.Tier.DISTROLESS);
        Slider slider = robot.lookup("#base-slider").queryAs(Slider.class);
        robot.interact(() -> slider.setValue(distroless));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#variant-base").queryAs(Label.class).getText()).contains("distroless");
        List<String> lines = java.nio.file.Files.readAllLines(vm.project().plan().projectDir().resolve("Dockerfile"));
        int cmdLine = lines.indexOf(lines.stream().filter(l -> l.startsWith("CMD ")).findFirst().orElseThrow()) + 1;
        Finding cmd = findings(robot).stream().filter(f -> f.line() == cmdLine).findFirst().orElseThrow();
        assertThat(cmd.severity()).isEqualTo(Severity.ERROR);
        assertThat(cmd.message()).containsIgnoringCase("shell");

        // clicking the finding brings its line into view in the variant's diff
        @SuppressWarnings("unchecked")
        ListView<Finding> list = robot.lookup("#findings").queryAs(ListView.class);
        robot.interact(() -> list.getSelectionModel().select(cmd));
        CodeView diff = robot.lookup("#variant-diff").queryAs(CodeView.class);
        CodeLine selected = diff.getSelectionModel().getSelectedItem();
        assertThat(selected.number()).isEqualTo(cmdLine);
        assertThat(selected.text()).startsWith("CMD python");
    }

    @Test
    void withoutAnEngineTheWindowWorksAndCompareSaysWhyItIsDisabled(FxRobot robot) throws Exception {
        waitForPlan();
        waitFor(() -> vm.engine().stateProperty().get() == EngineStatusViewModel.State.UNAVAILABLE);
        assertThat(robot.lookup("#engine-summary").queryAs(Label.class).getText()).isEqualTo("No engine reachable");
        assertThat(vm.engine().detailProperty().get()).contains("docker.sock");
        Button compare = robot.lookup("#compare").queryAs(Button.class);
        assertThat(compare.isDisabled()).isTrue();
        Label reason = robot.lookup("#compare-reason").queryAs(Label.class);
        assertThat(reason.getText()).isEqualTo("No container engine reachable");
        assertThat(reason.getWidth()).as("the reason fits the toolbar").isGreaterThanOrEqualTo(reason.prefWidth(-1) - 0.5);
        assertThat(compare.getTooltip().getText()).isEqualTo("No container engine reachable");
        // the rest still works: the preview and the project pane
        assertThat(vm.project().source()).anySatisfy(l -> assertThat(l.styles()).contains("from-line"));
        assertThat(robot.lookup("#engine-retry").queryAs(Button.class).isVisible()).isTrue();
    }

    @Test
    void aProbeAddedInTheEditorIsWrittenToTheProjectFileOnSave(FxRobot robot) throws Exception {
        waitForPlan();
        Path projectFile = vm.project().plan().projectDir().resolve(".baseshift.json");
        assertThat(projectFile.toAbsolutePath().normalize()).startsWith(temp.toAbsolutePath().normalize());
        Button save = robot.lookup("#probes-save").queryAs(Button.class);
        assertThat(save.isDisabled()).as("nothing to save yet").isTrue();

        // typed and pressed as the controls receive it (the glass robot's pointer is unreliable on Monocle)
        robot.interact(() -> {
            robot.lookup("#probe-input").queryAs(javafx.scene.control.TextField.class).setText("python3 -c 'import zlib'");
            robot.lookup("#probe-add").queryAs(Button.class).fire();
        });
        assertThat(save.isDisabled()).isFalse();
        robot.interact(save::fire);

        waitFor(() -> java.nio.file.Files.exists(projectFile)
                && java.nio.file.Files.readString(projectFile).contains("import zlib"));
        waitFor(save::isDisabled);
        assertThat(robot.lookup("#probes-message").queryAs(Label.class).getText())
                .matches("Saved \\d+ probes? to \\.baseshift\\.json");
    }

    @Test
    void theProbeEditorShowsOffProbesAsOffAndItsButtonsStayPutWhenAMessageAppears(FxRobot robot) throws Exception {
        waitForPlan();
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<dev.baseshift.ui.project.ProbeRow> table =
                robot.lookup("#probes").queryAs(javafx.scene.control.TableView.class);
        Button add = robot.lookup("#probe-add").queryAs(Button.class);
        double before = add.localToScene(0, 0).getY();
        robot.interact(() -> table.getItems().get(0).enabledProperty().set(false));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node first = robot.lookup("#probes .table-row-cell").nth(0).query();
        assertThat(first.getStyleClass()).contains("probe-disabled");
        robot.interact(() -> table.getItems().get(0).enabledProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(first.getStyleClass()).doesNotContain("probe-disabled");

        // a message ("Saved 3 probes…", "already in the list") appears: Add and Save do not move
        robot.interact(() -> vm.probes().add("true"));
        robot.interact(() -> {
            robot.lookup("#probe-input").queryAs(javafx.scene.control.TextField.class).setText("true");
            add.fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.probes().messageProperty().get()).isNotBlank();
        assertThat(add.localToScene(0, 0).getY()).isEqualTo(before);

        // an empty table says what to do, and Cancel All has a shortcut
        robot.interact(() -> {
            while (!table.getItems().isEmpty()) vm.probes().remove(table.getItems().get(0));
        });
        assertThat(((Label) table.getPlaceholder()).getText()).isEqualTo("No probes: type a command below and press Add.");
        javafx.scene.control.MenuBar bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        javafx.scene.control.MenuItem cancel = bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> "menu-cancel-all".equals(i.getId())).findFirst().orElseThrow();
        assertThat(cancel.getAccelerator()).isNotNull();
    }

    @Test
    void atTheDefaultWindowSizeEveryResultsColumnIsVisibleAndTheProbeOutputHasRoom(FxRobot robot) throws Exception {
        waitForPlan();
        // the window's own size (1280×800; Monocle's headless screen is too small for a larger one)
        robot.interact(() -> {
            vm.results().update(ViewModelsTest.syntheticResult(vm.project().plan()).variants(), 4);
            javafx.scene.control.TabPane tabs = robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Results"))
                    .findFirst().orElseThrow());
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TableView<?> table = robot.lookup("#results-table").queryAs(javafx.scene.control.TableView.class);
        double columns = table.getColumns().stream().mapToDouble(javafx.scene.control.TableColumn::getWidth).sum();
        System.out.printf("results table %.1f px, columns %.1f px%n", table.getWidth(), columns);
        // a pixel per column of rounding; before the fix the columns overran the table by about 90 px
        assertThat(columns).as("columns fit the table").isLessThanOrEqualTo(table.getWidth() + table.getColumns().size());
        assertThat(table.getColumns()).extracting(javafx.scene.control.TableColumn::getText).contains("Build", "Probes");
        assertThat(table.getColumns()).allSatisfy(c -> assertThat(c.getWidth()).isGreaterThan(40));

        robot.interact(() -> {
            javafx.scene.control.TabPane details = (javafx.scene.control.TabPane) table.getParent().getParent();
            details.getSelectionModel().select(1); // the probe matrix
        });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TextArea output = robot.lookup("#probe-output").queryAs(javafx.scene.control.TextArea.class);
        double lineHeight = javafx.scene.text.Font.getDefault().getSize() * 1.2;
        assertThat(output.getHeight()).as("room for about six lines of output").isGreaterThan(6 * lineHeight);
    }
}
