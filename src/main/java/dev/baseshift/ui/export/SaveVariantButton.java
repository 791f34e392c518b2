package dev.baseshift.ui.export;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Tooltip;

import java.util.Optional;

/** "Save as Dockerfile.&lt;tier&gt;": writes the slider's variant beside the original, asking before overwriting. */
public final class SaveVariantButton extends Button {

    public SaveVariantButton(ExportViewModel vm) {
        setId("save-variant");
        textProperty().bind(Bindings.createStringBinding(() -> !vm.canSaveVariantProperty().get() ? "Save variant"
                : "Save as Dockerfile." + vm.selectedTierProperty().get().id()
                + (vm.savesRepairProperty().get() ? " (with fix)" : ""),
                vm.selectedTierProperty(), vm.canSaveVariantProperty(), vm.savesRepairProperty()));
        setTooltip(new Tooltip("Write this variant beside the original Dockerfile (asks before overwriting)"));
        disableProperty().bind(vm.canSaveVariantProperty().not());
        setOnAction(e -> vm.saveSelectedVariant());
        vm.overwriteQuestionProperty().addListener((o, a, q) -> {
            if (q == null) return;
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                    q.file() + " already exists. Replace it with the " + q.tier().id() + " variant?",
                    ButtonType.YES, ButtonType.NO);
            ask.setHeaderText("Replace " + q.file().getFileName() + "?");
            // Enter must not destroy the user's file: No is the default answer.
            ((javafx.scene.control.Button) ask.getDialogPane().lookupButton(ButtonType.YES)).setDefaultButton(false);
            ((javafx.scene.control.Button) ask.getDialogPane().lookupButton(ButtonType.NO)).setDefaultButton(true);
            if (getScene() != null) ask.initOwner(getScene().getWindow());
            Optional<ButtonType> answer = ask.showAndWait();
            vm.answerOverwrite(answer.isPresent() && answer.get() == ButtonType.YES);
        });
    }
}
