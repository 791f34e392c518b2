package dev.baseshift.ui;

import dev.baseshift.app.EngineImages;
import dev.baseshift.catalog.Catalog;
import dev.baseshift.catalog.CatalogException;
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
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** The desktop app. {@code java -jar baseshift.jar [DIR]} reaches it through the Launcher; {@code mvn javafx:run} directly. */
public final class BaseShiftApp extends Application {
    static final String STYLESHEET = "/dev/baseshift/ui/baseshift.css";
    private static volatile Path initialFolder;
    /** The catalog and planner, loaded while the toolkit starts (the window does not wait for them). */
    private static volatile CompletableFuture<Planner> planner;
    private static final List<String> STARTUP_PROBLEMS = new CopyOnWriteArrayList<>();

    private PoolTaskRunner runner;
    private MainViewModel vm;

    /** Opens the window on {@code folder}, or on the bundled sample project when null. Returns when it closes. */
    public static void launchApp(Path folder) {
        initialFolder = folder;
        dev.baseshift.chart.FxRuntime.quietClassPathWarning();
        preloadPlanner();
        try {
            Application.launch(BaseShiftApp.class);
        } catch (RuntimeException e) {
            // e.g. no display, or GTK 3 missing: say so instead of a stack trace
            System.err.println("baseshift: cannot open the window: " + e.getMessage()
                    + "\n(needs a graphical session with GTK 3; the command line works without one: baseshift plan|compare DIR)");
            System.exit(1);
        }
    }

    public static void main(String[] args) {
        launchApp(args.length > 0 && Files.isDirectory(Path.of(args[0])) ? Path.of(args[0]) : null);
    }

    private static synchronized void preloadPlanner() {
        if (planner == null) planner = CompletableFuture.supplyAsync(BaseShiftApp::loadPlanner);
    }

    private static Planner loadPlanner() {
        try {
            return new Planner(Catalog.loadDefault());
        } catch (CatalogException e) {
            STARTUP_PROBLEMS.add("Your catalog file was ignored: " + e.getMessage());
            return new Planner(Catalog.bundled());
        }
    }

    /** The real services: the catalog (with the user's additions), the engine locator, the CLI's report writers. */
    public static AppServices standardServices(TaskRunner runner) {
        preloadPlanner();
        EngineLocator locator = EngineLocator.fromSystem();
        return new AppServices(runner, () -> planner.join(), locator::locate, ComparisonService::new,
                EngineImages::new,
                Map.of(ExportViewModel.Format.PNG, PngReport::write,
                        ExportViewModel.Format.CSV, CsvReport::write,
                        ExportViewModel.Format.MARKDOWN, MarkdownReport::write,
                        ExportViewModel.Format.JSON, JsonReport::write),
                VariantFiles::save, SampleProject::extract, RecentProjects.inUserConfig(), System::nanoTime,
                dev.baseshift.app.BaseLookup::of);
    }

    /** The styled window around a view model (the tests build it the same way). */
    public static Scene scene(MainViewModel model) {
        Scene scene = new Scene(new MainView(model), 1280, 800);
        scene.getStylesheets().add(BaseShiftApp.class.getResource(STYLESHEET).toExternalForm());
        return scene;
    }

    private static void timing(String what) {
        if (Boolean.getBoolean("baseshift.timing")) {
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.err.println("baseshift: " + what + " " + ms + " ms after JVM start");
        }
    }

    @Override
    public void start(Stage stage) {
        timing("toolkit up");
        if (initialFolder == null && !getParameters().getUnnamed().isEmpty()) {
            Path p = Path.of(getParameters().getUnnamed().get(0));
            if (Files.isDirectory(p)) initialFolder = p;
        }
        runner = new PoolTaskRunner(3);
        vm = new MainViewModel(standardServices(runner));
        // a defect must not end as a stack trace on a terminal the user never sees: say it in the window
        Thread.setDefaultUncaughtExceptionHandler((thread, error) ->
                Platform.runLater(() -> vm.showMessage("Unexpected problem: " + UserMessages.of(error))));
        timing("services ready");
        stage.setScene(scene(vm));
        timing("scene built");
        stage.titleProperty().bind(vm.titleProperty());
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        var icon = BaseShiftApp.class.getResourceAsStream("/dev/baseshift/ui/icon.png");
        if (icon != null) stage.getIcons().add(new Image(icon));
        stage.setOnCloseRequest(e -> {
            e.consume();
            String warning = vm.quitWarning();
            if (warning != null) {
                javafx.scene.control.ButtonType quit = new javafx.scene.control.ButtonType("Quit",
                        javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
                javafx.scene.control.Alert ask = new javafx.scene.control.Alert(
                        javafx.scene.control.Alert.AlertType.CONFIRMATION, warning, quit,
                        javafx.scene.control.ButtonType.CANCEL);
                ask.setTitle("Quit BaseShift?");
                ask.setHeaderText(null);
                ask.initOwner(stage);
                if (ask.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL) != quit) return;
            }
            stage.hide();
            // cancel a running comparison and wait for its cleanup off the FX thread, then leave
            Thread t = new Thread(() -> {
                vm.shutdown();
                Platform.runLater(Platform::exit);
            }, "baseshift-shutdown");
            t.start();
        });
        stage.setOnShown(e -> timing("window shown"));
        stage.show();
        vm.start(initialFolder);
        planner.thenRun(() -> {
            if (!STARTUP_PROBLEMS.isEmpty()) Platform.runLater(() -> vm.showMessage(String.join(" ", STARTUP_PROBLEMS)));
        });
    }

    @Override
    public void stop() {
        if (runner != null) runner.close();
    }
}
