package dev.baseshift.ui.export;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;

/** "Save as Dockerfile.&lt;tier&gt;": writes the slider's variant beside the original, asking before overwriting. */
public final class SaveVariantButton extends Button {

    public SaveVariantButton(ExportViewModel vm) {
        setId("save-variant");
        textProperty().bind(Bindings.createStringBinding(() -> vm.selectedTierProperty().get() == null ? "Save variant"
                : "Save as Dockerfile." + vm.selectedTierProperty().get().id(), vm.selectedTierProperty()));
        setTooltip(new Tooltip("Write this variant beside the original Dockerfile (asks before overwriting)"));
        disableProperty().bind(vm.canSaveVariantProperty().not());
        setOnAction(e -> vm.saveSelectedVariant());
    }
}
