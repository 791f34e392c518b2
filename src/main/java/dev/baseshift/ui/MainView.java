package dev.baseshift.ui;

import dev.baseshift.ui.export.ExportBar;
import dev.baseshift.ui.export.SaveVariantButton;
import dev.baseshift.ui.project.ProbesView;
import dev.baseshift.ui.project.ProjectView;
import dev.baseshift.ui.repair.RepairView;
import dev.baseshift.ui.results.ResultsView;
import dev.baseshift.ui.run.RunView;
import dev.baseshift.ui.spectrum.SpectrumView;
import javafx.collections.ListChangeListener;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;

import java.io.File;
import java.nio.file.Path;

/** The window: menu and toolbar, project pane on the left, Spectrum / Compare / Results tabs, status bar. */
public final class MainView extends BorderPane {
    private final MainViewModel vm;
    private final Menu recentMenu = new Menu("Open Recent");
    private final TabPane tabs;
    private final Tab resultsTab;
    private final Tab compareTab;
    private final Tab repairTab;
    private final Button compareButton = new Button("Compare");
    private final Button cancelAllButton = new Button("Cancel all");

    public MainView(MainViewModel vm) {
        this.vm = vm;
        getStyleClass().add("main-view");
        vm.pendingOpenProperty().addListener((o, a, folder) -> {
            if (folder != null) javafx.application.Platform.runLater(() -> askAboutUnsavedProbes(folder));
        });

        SpectrumView spectrum = new SpectrumView(vm.spectrum(), new SaveVariantButton(vm.export()));
        Tab spectrumTab = new Tab("Spectrum", spectrum);
        // built when first shown: the window appears sooner, and the views bind to the current state when they are made
        compareTab = lazyTab("Compare", () -> new RunView(vm.run()));
        resultsTab = lazyTab("Results", () -> new ResultsView(vm.results(),
                new HBox(10, RepairView.repairAllButton(vm.repair()), new ExportBar(vm.export()))));
        repairTab = lazyTab("Repair", () -> new RepairView(vm.repair()));
        tabs = new TabPane(spectrumTab, compareTab, resultsTab, repairTab);
        tabs.setId("main-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        SplitPane left = new SplitPane(new ProjectView(vm.project()), new ProbesView(vm.probes()));
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.62);
        SplitPane center = new SplitPane(left, tabs);
        center.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(left, false);

        setTop(new javafx.scene.layout.VBox(menuBar(), toolBar()));
        setCenter(center);
        setBottom(statusBar());

        // results are ready as soon as the first variant finishes: the tab says so, the user stays on the live log
        vm.run().finished().addListener((ListChangeListener<Object>) c -> {
            int n = vm.run().finished().size();
            if (n == 0 || resultsTab.isSelected()) return;
            resultsTab.setText("Results (" + n + " ready)");
            if (!resultsTab.getStyleClass().contains("tab-attention")) resultsTab.getStyleClass().add("tab-attention");
        });
        resultsTab.selectedProperty().addListener((o, a, selected) -> {
            if (!selected) return;
            resultsTab.setText("Results");
            resultsTab.getStyleClass().remove("tab-attention");
        });
        // a comparison starts (maybe after the last one's images are removed): show its progress
        vm.run().runningProperty().addListener((o, a, running) -> {
            if (running) tabs.getSelectionModel().select(compareTab);
            // the focused button is about to be disabled: keep the focus on the one that takes over, never let it
            // fall to the Dockerfiles list
            javafx.application.Platform.runLater(() -> (running ? cancelAllButton : compareButton).requestFocus());
        });
        // a repair starts (from the results' button or the Repair tab): show its progress
        vm.repair().runningProperty().addListener((o, a, busy) -> {
            if (busy) tabs.getSelectionModel().select(repairTab);
        });
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream().anyMatch(File::isDirectory)) {
                e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            File dir = e.getDragboard().hasFiles() ? e.getDragboard().getFiles().stream().filter(File::isDirectory)
                    .findFirst().orElse(null) : null;
            if (dir != null) vm.open(dir.toPath());
            e.setDropCompleted(dir != null);
            e.consume();
        });
    }

    private static Tab lazyTab(String title, java.util.function.Supplier<javafx.scene.Node> content) {
        Tab tab = new Tab(title);
        tab.selectedProperty().addListener((o, a, selected) -> {
            if (selected && tab.getContent() == null) tab.setContent(content.get());
        });
        return tab;
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open Folder…");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> chooseFolder());
        MenuItem sample = new MenuItem("Open Sample Project");
        sample.setOnAction(e -> vm.openSample());
        vm.recentProjects().addListener((ListChangeListener<Path>) c -> rebuildRecent());
        rebuildRecent();
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> {
            if (getScene() != null) getScene().getWindow().fireEvent(new javafx.stage.WindowEvent(
                    getScene().getWindow(), javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
        });
        Menu file = new Menu("File", null, open, recentMenu, sample, new SeparatorMenuItem(), quit);
        MenuItem compare = new MenuItem("Compare");
        compare.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
        compare.disableProperty().bind(vm.run().canCompareProperty().not());
        compare.setOnAction(e -> compare());
        MenuItem cancel = new MenuItem("Cancel All");
        cancel.setId("menu-cancel-all");
        cancel.setAccelerator(new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN));
        cancel.disableProperty().bind(vm.run().runningProperty().not());
        cancel.setOnAction(e -> vm.run().cancelAll());
        Menu run = new Menu("Run", null, compare, cancel);
        MenuBar bar = new MenuBar(file, run);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        for (Path p : vm.recentProjects()) {
            MenuItem item = new MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> vm.open(p));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private ToolBar toolBar() {
        Button open = new Button("Open…");
        open.setId("open-folder");
        open.setAccessibleText("Open a project folder");
        open.setOnAction(e -> chooseFolder());
        Label project = new Label();
        project.getStyleClass().add("toolbar-project");
        project.textProperty().bind(Bindings.createStringBinding(() -> vm.project().projectDirProperty().get() == null ? ""
                : vm.project().projectDirProperty().get().toString(), vm.project().projectDirProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label reason = new Label();
        reason.setId("compare-reason");
        reason.getStyleClass().add("muted");
        reason.textProperty().bind(vm.run().disabledReasonProperty());
        reason.setMaxWidth(420);
        Button compare = compareButton;
        compare.setId("compare");
        compare.setAccessibleText("Compare the ticked variants");
        compare.getStyleClass().add("accent");
        compare.disableProperty().bind(vm.run().canCompareProperty().not());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(javafx.beans.binding.Bindings.when(vm.run().disabledReasonProperty().isNull())
                .then("Build, measure and probe the ticked variants").otherwise(vm.run().disabledReasonProperty()));
        compare.setTooltip(tip);
        compare.setOnAction(e -> compare());
        Button cancelAll = cancelAllButton;
        cancelAll.setId("cancel-all");
        cancelAll.setAccessibleText("Cancel all builds and probes");
        cancelAll.disableProperty().bind(vm.run().runningProperty().not());
        cancelAll.setOnAction(e -> vm.run().cancelAll());
        return new ToolBar(open, project, spacer, reason, compare, cancelAll);
    }

    private HBox statusBar() {
        Label message = new Label();
        message.setId("message");
        message.getStyleClass().add("status-message");
        message.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> firstNonEmpty(
                vm.messageProperty().get(), vm.export().messageProperty().get()),
                vm.messageProperty(), vm.export().messageProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, new EngineStatusView(vm.engine()), new Separator(Orientation.VERTICAL), message, spacer);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private void compare() {
        vm.compare();
    }

    /** Another project is to be opened while the probe editor has unsaved edits: Save, Discard or stay. */
    private void askAboutUnsavedProbes(Path folder) {
        javafx.scene.control.ButtonType save = new javafx.scene.control.ButtonType("Save probes",
                javafx.scene.control.ButtonBar.ButtonData.YES);
        javafx.scene.control.ButtonType discard = new javafx.scene.control.ButtonType("Discard",
                javafx.scene.control.ButtonBar.ButtonData.NO);
        javafx.scene.control.Alert ask = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "The probe editor has changes not saved to .baseshift.json. Save them before opening "
                        + folder.getFileName() + "?", save, discard, javafx.scene.control.ButtonType.CANCEL);
        ask.setTitle("Unsaved probes");
        ask.setHeaderText(null);
        if (getScene() != null) ask.initOwner(getScene().getWindow());
        javafx.scene.control.ButtonType answer = ask.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL);
        vm.resolvePendingOpen(answer == save ? MainViewModel.UnsavedProbes.SAVE
                : answer == discard ? MainViewModel.UnsavedProbes.DISCARD : MainViewModel.UnsavedProbes.CANCEL);
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a project folder");
        Path current = vm.project().projectDirProperty().get();
        if (current != null && current.getParent() != null && current.getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) vm.open(dir.toPath());
    }
}
