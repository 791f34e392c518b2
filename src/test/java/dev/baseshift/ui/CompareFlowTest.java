package dev.baseshift.ui;

import dev.baseshift.chart.LayerChart;
import dev.baseshift.compare.ComparisonService;
import dev.baseshift.compare.VariantStatus;
import dev.baseshift.engine.ContainerEngine;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static dev.baseshift.ui.UiTestSupport.press;
import static dev.baseshift.ui.UiTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Compare from the window against the machine's engine and the bsfixture/py family. */
@Tag("engine")
@ExtendWith(ApplicationExtension.class)
class CompareFlowTest {
    private static final String CONFIG = """
            {"bases": {"full": "bsfixture/py:full", "slim": "bsfixture/py:slim", "distroless": "bsfixture/py:distroless"},
             "probes": ["python3 -c 'import numpy'"]}
            """;

    @TempDir
    static Path temp;

    private MainViewModel vm;
    private PoolTaskRunner runner;

    @Start
    void start(Stage stage) throws Exception {
        runner = new PoolTaskRunner(3);
        vm = new MainViewModel(UiTestSupport.services(runner, UiTestSupport.realEngine(), temp));
        stage.setScene(BaseShiftApp.scene(vm));
        stage.show();
        vm.engine().connect();
    }

    @AfterEach
    void stop() {
        vm.shutdown();
        runner.close();
    }

    private Path project(String name, String dockerfile) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(name));
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        Files.writeString(dir.resolve("app.py"), "import sys\nprint('ok')\n");
        Files.writeString(dir.resolve(".baseshift.json"), CONFIG);
        return dir;
    }

    private void openAndWait(Path dir) throws Exception {
        vm.open(dir);
        waitFor(20, () -> vm.project().plan() != null && vm.project().plan().projectDir().endsWith(dir.getFileName()));
        waitFor(20, () -> vm.run().canCompareProperty().get());
    }

    @Test
    void compareFillsChartTableMatrixAndRecommendation(FxRobot robot) throws Exception {
        Path dir = project("bsui-compare", "FROM bsfixture/py:full\nCOPY app.py /app/app.py\nCMD [\"python3\", \"/app/app.py\"]\n");
        openAndWait(dir);
        press(robot, "#compare");
        waitFor(300, () -> vm.run().resultProperty().get() != null);
        // the window stays on the live log; the Results tab says results are ready
        javafx.scene.control.TabPane tabs = robot.lookup("#main-tabs").queryAs(javafx.scene.control.TabPane.class);
        // the focus went from Compare to Cancel all and back, never to the Dockerfiles list
        javafx.scene.Node owner = tabs.getScene().getFocusOwner();
        assertThat(owner == null ? null : owner.getId()).isIn("compare", "cancel-all");
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Compare");
        assertThat(tabs.getTabs().get(2).getText()).as(vm.run().finished().toString()).isEqualTo("Results (3 ready)");
        robot.interact(() -> tabs.getSelectionModel().select(2));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(tabs.getTabs().get(2).getText()).isEqualTo("Results");

        String errors = vm.run().resultProperty().get().variants().stream()
                .map(v -> v.variant().tier().id() + ": " + v.status().id() + " " + v.error()).toList().toString();
        int variants = vm.run().resultProperty().get().variants().size();
        assertThat(variants).isEqualTo(3);
        LayerChart chart = robot.lookup("#layer-chart").queryAs(LayerChart.class);
        assertThat(chart.getBars()).as(errors).hasSize(3).allSatisfy(b -> assertThat(b.layers()).isNotEmpty());
        assertThat(robot.lookup("#results-table").queryAs(TableView.class).getItems()).hasSize(3);
        TableView<?> matrix = robot.lookup("#probe-matrix").queryAs(TableView.class);
        assertThat(matrix.getItems()).hasSize(3);
        assertThat(matrix.getColumns().size()).isGreaterThanOrEqualTo(2);
        assertThat(vm.results().matrix()).anySatisfy(r -> assertThat(r.tier()).isEqualTo("slim"));
        // slim has no numpy: its numpy probe fails
        assertThat(vm.results().matrix().stream().filter(r -> r.tier().equals("slim")).findFirst().orElseThrow()
                .outcomes().get("python3 -c 'import numpy'").outcome().id()).isEqualTo("fail");
        Label banner = robot.lookup("#recommendation").queryAs(Label.class);
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getText()).startsWith("Recommended: distroless");
        assertThat(vm.run().rows()).allSatisfy(r -> assertThat(r.statusProperty().get()).isEqualTo(VariantStatus.BUILT));
    }

    @Test
    void cancelAllLeavesNoLabelledContainersOrImages(FxRobot robot) throws Exception {
        Path dir = project("bsui-cancel", """
                FROM bsfixture/py:full
                RUN ["python3", "-c", "import time; time.sleep(60)"]
                COPY app.py /app/app.py
                CMD ["python3", "/app/app.py"]
                """);
        openAndWait(dir);
        press(robot, "#compare");
        waitFor(60, () -> vm.run().rows().stream().anyMatch(r -> r.statusProperty().get() == VariantStatus.BUILDING));
        // quitting now would cancel it: the window asks first
        assertThat(vm.quitWarning()).startsWith("A comparison is running. Quitting cancels it");
        press(robot, "#cancel-all");
        waitFor(120, () -> vm.run().resultProperty().get() != null);
        assertThat(vm.quitWarning()).isNull();

        assertThat(vm.run().rows()).allSatisfy(r -> assertThat(r.statusProperty().get())
                .isIn(VariantStatus.CANCELLED, VariantStatus.BUILT, VariantStatus.BUILD_FAILED));
        assertThat(vm.run().rows()).anySatisfy(r -> assertThat(r.statusProperty().get()).isEqualTo(VariantStatus.CANCELLED));
        ContainerEngine engine = vm.engine().engine();
        String key = dev.baseshift.plan.Plan.projectKey(dir);
        long built = vm.run().rows().stream().filter(r -> r.statusProperty().get() == VariantStatus.BUILT).count();
        // no container stays; only a variant that finished keeps its image, as the project's cache
        assertThat(engine.listLabelled(ComparisonService.PROJECT_LABEL, key)).hasSize((int) built)
                .allSatisfy(o -> assertThat(o).startsWith("image "));
        Process ps = new ProcessBuilder("docker", "ps", "-aq", "--filter", "label=" + ComparisonService.PROJECT_LABEL
                + "=" + key).redirectErrorStream(true).start();
        assertThat(new String(ps.getInputStream().readAllBytes()).strip()).isEmpty();
        new dev.baseshift.app.KeptImages(engine).remove(key);
    }

    @Test
    void closingTheWindowDuringARunCancelsItAndCleansUp(FxRobot robot) throws Exception {
        Path dir = project("bsui-close", """
                FROM bsfixture/py:full
                RUN ["python3", "-c", "import time; time.sleep(60)"]
                CMD ["python3", "-c", "print(1)"]
                """);
        openAndWait(dir);
        press(robot, "#compare");
        waitFor(60, () -> vm.run().rows().stream().anyMatch(r -> r.statusProperty().get() == VariantStatus.BUILDING));
        long t0 = System.nanoTime();
        vm.shutdown(); // what the window's close request runs (off the FX thread)
        double seconds = (System.nanoTime() - t0) / 1e9;
        try (ContainerEngine check = UiTestSupport.realEngine().connect()) {
            assertThat(check.listLabelled(ComparisonService.PROJECT_LABEL, dev.baseshift.plan.Plan.projectKey(dir)))
                    .isEmpty();
        }
        assertThat(seconds).as("cleanup must not wait for the 60 s build").isLessThan(45);
    }
}
