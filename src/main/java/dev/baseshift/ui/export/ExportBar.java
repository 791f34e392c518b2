package dev.baseshift.ui.export;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.Optional;

/** Export buttons (PNG, CSV, Markdown, JSON) and the "overwrite?" question of Save variant. */
public final class ExportBar extends HBox {
    private final ExportViewModel vm;
    private File lastFolder;

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
            b.disableProperty().bind(vm.canExportProperty().not());
            b.setOnAction(e -> choose(f));
            getChildren().add(b);
        }
        vm.overwriteQuestionProperty().addListener((o, a, q) -> {
            if (q == null) return;
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                    q.file() + " already exists. Replace it with the " + q.tier().id() + " variant?",
                    ButtonType.YES, ButtonType.NO);
            ask.setHeaderText("Replace " + q.file().getFileName() + "?");
            if (getScene() != null) ask.initOwner(getScene().getWindow());
            Optional<ButtonType> answer = ask.showAndWait();
            vm.answerOverwrite(answer.isPresent() && answer.get() == ButtonType.YES);
        });
    }

    private void choose(ExportViewModel.Format f) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + f.description);
        chooser.setInitialFileName(vm.suggestedFileName(f));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.description, "*." + f.extension));
        if (lastFolder != null) chooser.setInitialDirectory(lastFolder);
        Window w = getScene() == null ? null : getScene().getWindow();
        File file = chooser.showSaveDialog(w);
        if (file == null) return;
        lastFolder = file.getParentFile();
        vm.export(f, file.toPath());
    }
}
