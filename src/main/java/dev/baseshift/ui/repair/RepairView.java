package dev.baseshift.ui.repair;

import dev.baseshift.ui.CodeView;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Repair tab: the failing variants with where their repair stands, Repair / Repair all / Cancel, the selected
 * variant's diagnoses and patch (a diff against its plain variant), Save, and the repair's log as it goes.
 */
public final class RepairView extends VBox {

    public RepairView(RepairViewModel vm) {
        getStyleClass().addAll("pane", "repair-view");
        setSpacing(8);
        setPadding(new Insets(10));

        Label heading = new Label("Repair");
        heading.getStyleClass().add("subheading");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button all = button("repair-all", "Repair all failing", vm.canRepairProperty(), vm::repairAll,
                "Diagnose every failing variant from evidence, patch its Dockerfile, rebuild and re-probe it"
                        + " (up to 3 rounds each)");
        all.getStyleClass().add("accent");
        Button one = button("repair-selected", "Repair selected", vm.canRepairSelectedProperty(), vm::repairSelected,
                "Repair only the variant selected in the list");
        Button cancel = button("repair-cancel", "Cancel repair", vm.runningProperty(), vm::cancel,
                "Stop the rebuild under way; repairs proven so far stay");
        Button save = button("repair-save", "Save fixed Dockerfile", vm.canSaveProperty(), vm::saveSelected,
                "Write the proven, repaired Dockerfile beside the original (asks before overwriting)");
        save.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null
                ? "Save fixed Dockerfile" : "Save as Dockerfile." + vm.selectedProperty().get().id(),
                vm.selectedProperty()));
        HBox top = new HBox(8, heading, spacer, all, one, cancel, save);
        top.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("repair-status");
        // one line that never pushes the panes down; the whole text on hover and in the log
        status.setWrapText(false);
        status.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        status.setMaxWidth(Double.MAX_VALUE);
        status.textProperty().bind(vm.statusProperty());
        Tooltip statusTip = new Tooltip();
        statusTip.setWrapText(true);
        statusTip.setMaxWidth(800);
        statusTip.textProperty().bind(vm.statusProperty());
        status.setTooltip(statusTip);

        ListView<RepairRow> list = new ListView<>(vm.rows());
        list.setId("repair-list");
        list.setPlaceholder(new Label("Compare first: variants that fail to build or fail a probe show here."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(RepairRow r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeIf(s -> s.startsWith("repair-"));
                setText(empty || r == null ? null : r.text());
                setTooltip(empty || r == null ? null : new Tooltip(r.text()));
                if (!empty && r != null) getStyleClass().add("repair-" + r.state().id());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null && r.tier() != vm.selectedProperty().get()) vm.select(r.tier());
        });
        // keep the list's selection on the view model's when rows are replaced
        vm.rows().addListener((ListChangeListener<RepairRow>) c -> selectCurrent(list, vm));
        vm.selectedProperty().addListener((o, a, t) -> selectCurrent(list, vm));

        TextArea detail = new TextArea();
        detail.setId("repair-detail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.getStyleClass().add("mono");
        detail.textProperty().bind(vm.detailProperty());
        detail.setAccessibleText("Why the selected variant failed, and what the repair did");

        CodeView diff = new CodeView();
        diff.setId("repair-diff");
        diff.setItems(vm.diff());
        diff.setPlaceholder(new Label("The patch shows here as a diff against the plain variant."));
        diff.setAccessibleText("The repair's patch against the plain variant");

        SplitPane right = new SplitPane(detail, diff);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.45);
        SplitPane middle = new SplitPane(list, right);
        middle.setDividerPositions(0.34);
        SplitPane.setResizableWithParent(list, false);

        ListView<String> log = new ListView<>(vm.log());
        log.setId("repair-log");
        log.getStyleClass().add("mono");
        log.setPlaceholder(new Label("The repair's steps and rebuild logs show here."));
        log.setFixedCellSize(22); // room for underscores under the mono font
        vm.log().addListener((ListChangeListener<String>) c -> {
            if (!vm.log().isEmpty()) log.scrollTo(vm.log().size() - 1);
        });
        SplitPane body = new SplitPane(middle, log);
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.7);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(top, status, body);
    }

    private static void selectCurrent(ListView<RepairRow> list, RepairViewModel vm) {
        var t = vm.selectedProperty().get();
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).tier() == t) {
                if (list.getSelectionModel().getSelectedIndex() != i) list.getSelectionModel().select(i);
                return;
            }
        }
    }

    private static Button button(String id, String text, javafx.beans.value.ObservableBooleanValue enabled,
                                 Runnable action, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.disableProperty().bind(Bindings.not(enabled));
        b.setOnAction(e -> action.run());
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    /** "Repair failing variants" for the results' toolbar: starts Repair all (the window then shows the Repair tab). */
    public static Node repairAllButton(RepairViewModel vm) {
        Button b = button("results-repair", "Repair failing variants", vm.canRepairProperty(), vm::repairAll,
                "Diagnose each failing variant, patch it, rebuild and re-probe it; proven fixes show as TIER+fix");
        b.getStyleClass().add("accent");
        b.visibleProperty().bind(vm.canRepairProperty().or(vm.runningProperty()));
        b.managedProperty().bind(b.visibleProperty());
        return b;
    }
}
