package dev.baseshift.ui;

import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.e2e.DockerCli;
import dev.baseshift.e2e.TestProjects;
import dev.baseshift.ui.common.CodeLine;
import dev.baseshift.ui.repair.RepairRow;
import dev.baseshift.ui.results.ResultRow;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
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

/**
 * One-click repair from the window on the real engine: compare the numpy project (slim lacks the full base's
 * python3-numpy), press "Repair failing variants", and the app shows why slim failed, the patch, a rebuilt slim+fix
 * that passes every probe and is recommended; Save writes the repaired Dockerfile; nothing is left in the engine.
 */
@Tag("engine")
@ExtendWith(ApplicationExtension.class)
class RepairFlowTest {
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

    @Test
    void repairFromTheResultsProvesSlimFixAndSavesIt(FxRobot robot) throws Exception {
        String slug = "bsui-repair-" + Long.toHexString(System.nanoTime() & 0xffffff);
        Path dir = TestProjects.copy("repair-numpy", temp, slug);
        String repository = "baseshift/" + dev.baseshift.plan.Plan.projectKey(dir);
        vm.open(dir);
        waitFor(20, () -> vm.project().plan() != null && vm.run().canCompareProperty().get());

        press(robot, "#compare");
        waitFor(300, () -> vm.run().resultProperty().get() != null && !vm.run().runningProperty().get());
        robot.interact(() -> robot.lookup("#main-tabs").queryAs(TabPane.class).getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents();
        // slim fails the numpy probe: the results offer the repair, and the comparison's images wait for it
        assertThat(vm.results().bannerProperty().get()).startsWith("Recommended: full");
        Button offer = robot.lookup("#results-repair").queryAs(Button.class);
        assertThat(offer.isVisible()).isTrue();
        assertThat(vm.repair().rows()).extracting(RepairRow::tier, RepairRow::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Tier.SLIM, RepairRow.State.FAILING));
        assertThat(DockerCli.docker("images", "-q", repository)).isNotBlank();
        // the Compare tab says what BaseShift keeps of the project, and offers to remove it
        waitFor(10, () -> vm.run().keptTextProperty().get().startsWith("BaseShift images of this project: 2 images"));

        // comparing again builds nothing: the kept images have the same inputs, only the probes run again
        ComparisonResult firstRun = vm.run().resultProperty().get();
        java.util.List<String> first = firstRun.variants().stream()
                .map(v -> v.imageId()).filter(java.util.Objects::nonNull).toList();
        assertThat(first).hasSize(2);
        press(robot, "#compare");
        waitFor(300, () -> vm.run().resultProperty().get() != firstRun && vm.run().resultProperty().get() != null
                && !vm.run().runningProperty().get());
        assertThat(vm.run().resultProperty().get().variants()).extracting(v -> v.imageId())
                .containsExactlyElementsOf(first);
        assertThat(vm.results().rows()).extracting(ResultRow::buildText).containsOnly("cached");
        assertThat(vm.run().rows()).allSatisfy(r -> assertThat(r.detailProperty().get())
                .isEqualTo("built (cached: inputs unchanged)"));
        assertThat(vm.repair().rows()).hasSize(1);
        robot.interact(() -> robot.lookup("#main-tabs").queryAs(TabPane.class).getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents();

        press(robot, "#results-repair");
        // the window turns to the Repair tab while it runs
        waitFor(10, () -> robot.lookup("#repair-list").tryQuery().isPresent());
        assertThat(robot.lookup("#main-tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getText())
                .isEqualTo("Repair");
        waitFor(400, () -> !vm.repair().runningProperty().get() && vm.repair().resultProperty().get() != null);

        String log = String.join("\n", vm.repair().log());
        assertThat(vm.repair().rows()).singleElement().satisfies(r -> {
            assertThat(r.state()).as(log).isEqualTo(RepairRow.State.PROVEN);
            assertThat(r.text()).startsWith("slim — proven: ").containsPattern("passes (\\d+)/\\1 — adds python3-numpy");
        });
        assertThat(log).contains("slim: reading the original's files").contains("slim+fix (round 1): built");
        assertThat(robot.lookup("#repair-status").queryAs(Label.class).getText())
                .isEqualTo("1 of 1 variant repaired and proven; recommended now: slim+fix.");
        String detail = robot.lookup("#repair-detail").queryAs(TextArea.class).getText();
        assertThat(detail).contains("Why it failed:").contains("missing-python-module numpy")
                .contains("from dpkg python3-numpy").contains("evidence: ModuleNotFoundError: No module named 'numpy'")
                .contains("round 1: built");
        @SuppressWarnings("unchecked")
        ListView<CodeLine> diff = robot.lookup("#repair-diff").queryAs(ListView.class);
        assertThat(diff.getItems()).anySatisfy(l -> {
            assertThat(l.styles()).contains("added");
            assertThat(l.text()).contains("apt-get install -y --no-install-recommends").contains("python3-numpy");
        });
        assertThat(diff.getItems()).anySatisfy(l -> assertThat(l.text()).isEqualTo("FROM bsfixture/py:slim"));

        // the results and the recommendation now include the proven repair, right after its plain variant
        assertThat(vm.results().rows()).extracting(ResultRow::label).containsExactly("full", "slim", "slim+fix");
        ResultRow fixed = vm.results().rows().get(2);
        assertThat(fixed.recommended()).isTrue();
        assertThat(fixed.probesPassed()).isEqualTo(fixed.probesRun()).isGreaterThanOrEqualTo(2);
        assertThat(fixed.sizeBytes()).isLessThan(vm.results().rows().get(0).sizeBytes());
        assertThat(vm.results().bannerProperty().get()).startsWith("Recommended: slim+fix (bsfixture/py:slim, ");
        assertThat(robot.lookup("#results-table").queryAs(TableView.class).getItems()).hasSize(3);
        assertThat(vm.results().matrix()).extracting(m -> m.tier()).containsExactly("full", "slim", "slim+fix");
        robot.interact(() -> vm.results().showVariant("slim+fix"));
        assertThat(vm.results().probeDetailProperty().get()).startsWith("slim+fix · bsfixture/py:slim · built")
                .contains("Repair: proven in round 1");

        // Save writes the repaired Dockerfile beside the original; nothing else in the folder changes
        press(robot, "#repair-save");
        Path saved = dir.resolve("Dockerfile.slim");
        waitFor(10, () -> Files.exists(saved));
        assertThat(Files.readString(saved)).contains("FROM bsfixture/py:slim").contains("python3-numpy");
        assertThat(vm.export().messageProperty().get()).contains("with BaseShift's proven fix");

        // Remove on the Compare tab takes the project's kept images, and nothing else of the engine
        robot.interact(() -> robot.lookup("#main-tabs").queryAs(TabPane.class).getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        waitFor(10, () -> vm.run().canRemoveKeptProperty().get());
        press(robot, "#kept-remove");
        waitFor(30, () -> vm.run().keptTextProperty().get().isEmpty());
        assertThat(DockerCli.docker("images", "-q", repository)).isBlank();
        assertThat(DockerCli.docker("images", "-q", "bsfixture/py:slim")).isNotBlank();
        vm.shutdown();
        assertThat(DockerCli.labelled("dev.baseshift.project=" + repository.substring("baseshift/".length())))
                .isEmpty();
    }
}
