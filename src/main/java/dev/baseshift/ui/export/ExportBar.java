package dev.baseshift.ui.export;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;

/** Export buttons: PNG, CSV, Markdown, JSON, each through a save dialog. */
public final class ExportBar extends HBox {
    private final ExportViewModel vm;

    public ExportBar(ExportViewModel vm) {
        this.vm = vm;
        getStyleClass().add("export-bar");
        setSpacing(6);
        Label label = new Label("Export:");
        label.getStyleClass().add("muted");
        getChildren().add(label);
        for (ExportViewModel.Format f : ExportViewModel.Format.values()) {
            Button b = new Button(f == ExportViewModel.Format.MARKDOWN ? "Markdown" : f.name());
            b.setId("export-" + f.extension);
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            b.disableProperty().bind(vm.canExportProperty().not());
            b.setOnAction(e -> choose(f));
            getChildren().add(b);
        }
    }

    private void choose(ExportViewModel.Format f) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + f.description);
        chooser.setInitialFileName(vm.suggestedFileName(f));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.description, "*." + f.extension));
        java.nio.file.Path folder = vm.suggestedFolder();
        if (folder != null) chooser.setInitialDirectory(folder.toFile());
        Window w = getScene() == null ? null : getScene().getWindow();
        File file = chooser.showSaveDialog(w);
        if (file == null) return;
        vm.export(f, file.toPath());
    }
}
