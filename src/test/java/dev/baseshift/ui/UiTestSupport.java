package dev.baseshift.ui;

import dev.baseshift.catalog.Catalog;
import dev.baseshift.compare.ComparisonService;
import dev.baseshift.dockerfile.VariantFiles;
import dev.baseshift.engine.EngineLocator;
import dev.baseshift.plan.Planner;
import dev.baseshift.plan.SampleProject;
import dev.baseshift.report.CsvReport;
import dev.baseshift.report.JsonReport;
import dev.baseshift.report.MarkdownReport;
import dev.baseshift.report.PngReport;
import dev.baseshift.ui.export.ExportViewModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The app's real services for tests, with the user's files (recent projects, sample copy) kept in a temp folder. */
public final class UiTestSupport {
    private UiTestSupport() {}

    public static AppServices services(TaskRunner runner, EngineConnector engines, Path temp) throws IOException {
        Planner planner = new Planner(Catalog.bundled());
        return services(runner, engines, temp, () -> planner,
                dev.baseshift.app.BaseLookup::of);
    }

    /** With the planner's catalog and the base lookup of the test's choosing (a registry on loopback). */
    public static AppServices services(TaskRunner runner, EngineConnector engines, Path temp,
                                       java.util.function.Supplier<Planner> planner,
                                       java.util.function.BiFunction<dev.baseshift.engine.ContainerEngine,
                                               dev.baseshift.registry.Platform, dev.baseshift.app.BaseLookup> bases)
            throws IOException {
        Path sample = SampleProject.extractTo(temp.resolve("sample"));
        return new AppServices(runner, planner, engines, ComparisonService::new, dev.baseshift.app.EngineImages::new,
                Map.of(ExportViewModel.Format.PNG, PngReport::write,
                        ExportViewModel.Format.CSV, CsvReport::write,
                        ExportViewModel.Format.MARKDOWN, MarkdownReport::write,
                        ExportViewModel.Format.JSON, JsonReport::write),
                VariantFiles::save, () -> sample, new RecentProjects(temp.resolve("config/recent-projects")),
                System::nanoTime, bases);
    }

    /** A locator that looks only at a socket that does not exist, in an empty file system: no engine. */
    public static EngineConnector noEngine(Path temp) throws IOException {
        Path root = Files.createDirectories(temp.resolve("empty-root"));
        EngineLocator locator = new EngineLocator(Map.of("DOCKER_HOST", "unix://" + root.resolve("docker.sock")),
                root, root, Duration.ofMillis(300));
        return locator::locate;
    }

    /** The machine's real engine, found like the app finds it. */
    public static EngineConnector realEngine() {
        return EngineLocator.fromSystem()::locate;
    }

    /** Waits for {@code condition}, then for the FX events it caused. */
    public static void waitFor(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        org.testfx.util.WaitForAsyncUtils.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS, condition);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    /** Presses a button the way a keyboard user does (the glass robot's pointer depends on which test started FX). */
    public static void press(org.testfx.api.FxRobot robot, String id) {
        javafx.scene.control.Button b = robot.lookup(id).queryAs(javafx.scene.control.Button.class);
        org.assertj.core.api.Assertions.assertThat(b.isDisabled()).as(id + " enabled").isFalse();
        robot.interact(b::fire);
    }

    /** A copy of the sample project in {@code temp} (tests must not touch the user's data folder). */
    public static Path sample(Path temp) throws IOException {
        return SampleProject.extractTo(temp.resolve("sample"));
    }
}
