package dev.baseshift.ui;

import dev.baseshift.app.BaseLookup;
import dev.baseshift.catalog.Catalog;
import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.Sizes;
import dev.baseshift.plan.Planner;
import dev.baseshift.registry.BaseFactsService;
import dev.baseshift.registry.LocalFacts;
import dev.baseshift.registry.Platform;
import dev.baseshift.registry.RegistryFixtures;
import dev.baseshift.registry.RegistrySettings;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slider shows every tier's base size on open, read from a real registry on loopback without pulling anything;
 * a proposed tag that does not exist falls to one that does, and one with no existing tag is flagged on its tick.
 */
@Tag("engine")
@ExtendWith({ApplicationExtension.class, RegistryFixtures.Extension.class})
class BaseFactsWindowTest {
    @TempDir
    static Path temp;

    private final AtomicReference<Planner> planner = new AtomicReference<>(new Planner(Catalog.bundled()));
    private MainViewModel vm;
    private PoolTaskRunner runner;

    @Start
    void start(Stage stage) throws Exception {
        runner = new PoolTaskRunner(2);
        RegistrySettings settings = new RegistrySettings(temp.resolve("docker-config"), List.of(temp.resolve("certs.d")),
                Set.of(), List.of(), temp.resolve("facts-" + System.nanoTime()), RegistrySettings.DEFAULT_TIMEOUT);
        // the planner is chosen by the test, once it knows the registry's port
        vm = new MainViewModel(UiTestSupport.services(runner, UiTestSupport.noEngine(temp), temp, planner::get,
                (engine, platform) -> new BaseLookup(new BaseFactsService(settings, LocalFacts.NONE),
                        platform != null ? platform : Platform.LINUX_AMD64)));
        stage.setScene(BaseShiftApp.scene(vm));
        stage.show();
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    @Test
    void theSliderShowsEachBasesDownloadSizeAndFlagsATagThatDoesNotExist(FxRobot robot, RegistryFixtures f)
            throws Exception {
        planner.set(new Planner(Catalog.bundled().extendedWith(Catalog.fromJson("""
                {"families": [{"name": "bsfix", "description": "fixtures on loopback",
                  "repositories": ["HOST/bsfixture/tiny"],
                  "tiers": [
                    {"tier": "full", "tags": ["full"], "traits": "debian-full"},
                    {"tier": "alpine", "tags": ["musl-gone", "musl"], "traits": "alpine"},
                    {"tier": "distroless", "tags": ["noshell-gone"], "traits": "distroless-static"}
                  ]}]}
                """.replace("HOST", f.host()), "loopback.json"))));
        Path dir = Files.createDirectories(temp.resolve("app"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM " + f.ref("bsfixture/tiny:full") + "\nCMD [\"/bin/sh\"]\n");
        robot.interact(() -> vm.project().open(dir));

        long full = RegistryFixtures.layerSum(f.manifest("bsfixture/tiny:full"));
        long musl = RegistryFixtures.layerSum(f.manifest("bsfixture/tiny:musl"));
        // alpine's first template has no tag: the project is planned again and alpine moves to the tag that exists
        UiTestSupport.waitFor(20, () -> vm.project().plan() != null
                && vm.project().plan().variant(Tier.ALPINE).map(v -> v.base().endsWith(":musl")).orElse(false)
                && vm.spectrum().tierFacts().containsKey(Tier.ALPINE)
                && !vm.spectrum().tierFacts().get(Tier.ALPINE).tick().equals("…"));

        assertThat(robot.lookup("#facts-full").queryAs(javafx.scene.layout.VBox.class).getChildren().get(0))
                .isInstanceOfSatisfying(Label.class, l -> assertThat(l.getText())
                        .isEqualTo("full  ↓" + Sizes.format(full)));
        assertThat(robot.lookup("#facts-alpine").queryAs(javafx.scene.layout.VBox.class).getChildren().get(0))
                .isInstanceOfSatisfying(Label.class, l -> assertThat(l.getText())
                        .isEqualTo("alpine  ↓" + Sizes.format(musl)));
        assertThat(robot.lookup("#facts-distroless").queryAs(javafx.scene.layout.VBox.class).getChildren().get(0))
                .isInstanceOfSatisfying(Label.class, l -> assertThat(l.getText())
                        .isEqualTo("distroless  ✗ no such tag"));
        assertThat(robot.lookup("#facts-status").queryAs(Label.class).getText())
                .startsWith("Base sizes for linux/amd64");
        // the flag is on distroless's tick, and the selected base says what it weighs
        Slider slider = robot.lookup("#base-slider").queryAs(Slider.class);
        int distroless = vm.spectrum().tiers().indexOf(Tier.DISTROLESS);
        assertThat(slider.getLabelFormatter().toString((double) distroless)).isEqualTo("distroless  ✗ no such tag");
        assertThat(slider.getLabelFormatter().toString(0.0)).isEqualTo("● full (yours)");
        // and drawn: the axis shows the flagged label, not the one it had before the facts came
        javafx.scene.Parent axis = (javafx.scene.Parent) slider.lookup(".axis");
        assertThat(axis.getChildrenUnmodifiable().stream().filter(n -> n instanceof javafx.scene.text.Text)
                .map(n -> ((javafx.scene.text.Text) n).getText()).toList()).contains("distroless  ✗ no such tag");
        assertThat(robot.lookup("#variant-base-facts").queryAs(Label.class).getText())
                .startsWith("base: " + Sizes.format(full) + " to pull (linux/amd64) · ");
        // a flagged tier is not compared unless the user asks for it
        assertThat(vm.spectrum().comparedTiers()).contains(Tier.FULL, Tier.ALPINE).doesNotContain(Tier.DISTROLESS);
        robot.interact(() -> vm.spectrum().select(Tier.ALPINE));
        assertThat(robot.lookup("#variant-base").queryAs(Label.class).getText()).isEqualTo(f.ref("bsfixture/tiny:musl"));
        assertThat(vm.spectrum().findings()).anyMatch(x -> x.rule().equals(Planner.TAG_RULE)
                && x.message().contains("proposing " + f.ref("bsfixture/tiny:musl")));
    }

    @Test
    void choosingAnotherPlatformShowsItsSizesAndFlagsTheBasesWithoutIt(FxRobot robot, RegistryFixtures f)
            throws Exception {
        Path dir = Files.createDirectories(temp.resolve("multi"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM " + f.ref(RegistryFixtures.INDEX) + "\n");
        robot.interact(() -> vm.project().open(dir));
        UiTestSupport.waitFor(20, () -> vm.project().plan() != null);
        robot.interact(() -> vm.project().setBaseOverride(Tier.ALPINE, f.ref("bsfixture/tiny:musl")));
        UiTestSupport.waitFor(20, () -> vm.spectrum().tierFacts().containsKey(Tier.ALPINE)
                && vm.spectrum().tierFacts().values().stream().noneMatch(x -> x.tick().equals("…")));
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> platform = robot.lookup("#platform")
                .queryAs(javafx.scene.control.ComboBox.class);
        assertThat(platform.getItems()).startsWith("linux/amd64").contains("linux/arm64");
        assertThat(platform.getValue()).isEqualTo("linux/amd64");
        robot.interact(() -> platform.setValue("linux/arm64"));
        Tier original = vm.spectrum().originalTierProperty().get();
        UiTestSupport.waitFor(20, () -> vm.spectrum().factsStatusProperty().get().startsWith("Base sizes for linux/arm64")
                && vm.spectrum().tierFacts().containsKey(Tier.ALPINE)
                && vm.spectrum().tierFacts().containsKey(original));
        // the index has an arm64 image: its own download size; the amd64-only musl image is flagged on its tick
        assertThat(vm.spectrum().tierFacts().get(original).tick())
                .isEqualTo("↓" + Sizes.format(RegistryFixtures.layerSum(f.arm64().manifest())));
        assertThat(vm.spectrum().tierFacts().get(Tier.ALPINE).tick()).isEqualTo("✗ no linux/arm64");
        assertThat(vm.spectrum().tierFacts().get(Tier.ALPINE).flagged()).isTrue();
    }
}
