package dev.baseshift.ui.project;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The probes editor: add, edit, remove, enable; Save writes .baseshift.json (and nothing else does). */
public final class ProbesView extends VBox {

    public ProbesView(ProbesViewModel vm) {
        getStyleClass().addAll("pane", "probes-view");
        setSpacing(6);
        setPadding(new Insets(10));
        Label heading = new Label("Probes");
        heading.getStyleClass().add("subheading");
        Label hint = new Label("Commands run inside each variant; exit 0 = pass.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);

        TableView<ProbeRow> table = new TableView<>(vm.rows());
        table.setId("probes");
        table.setEditable(true);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(160);
        Label empty = new Label("No probes: type a command below and press Add.");
        empty.setId("probes-placeholder");
        empty.getStyleClass().add("muted");
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        // a disabled probe reads as off: greyed and in italics, not only an empty check box
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            private final javafx.beans.value.ChangeListener<Boolean> follow = (o, a, on) -> style(on);

            @Override
            protected void updateItem(ProbeRow row, boolean isEmpty) {
                ProbeRow old = getItem();
                if (old != null) old.enabledProperty().removeListener(follow);
                super.updateItem(row, isEmpty);
                if (isEmpty || row == null) {
                    style(true);
                } else {
                    row.enabledProperty().addListener(follow);
                    style(row.enabledProperty().get());
                }
            }

            private void style(boolean on) {
                getStyleClass().remove("probe-disabled");
                if (!on) getStyleClass().add("probe-disabled");
            }
        });
        table.setAccessibleText("Probes");
        TableColumn<ProbeRow, Boolean> on = new TableColumn<>("On");
        on.setCellValueFactory(c -> c.getValue().enabledProperty());
        on.setCellFactory(CheckBoxTableCell.forTableColumn(on));
        on.setEditable(true);
        on.setPrefWidth(36);
        on.setMaxWidth(40);
        TableColumn<ProbeRow, String> command = new TableColumn<>("Command");
        command.setCellValueFactory(c -> c.getValue().commandProperty());
        TableColumn<ProbeRow, String> source = new TableColumn<>("From");
        source.setCellValueFactory(c -> c.getValue().sourceProperty());
        source.setPrefWidth(70);
        source.setMaxWidth(90);
        table.getColumns().add(on);
        table.getColumns().add(command);
        table.getColumns().add(source);
        VBox.setVgrow(table, Priority.ALWAYS);

        TextField input = new TextField();
        input.setId("probe-input");
        input.setPromptText("python3 -c 'import numpy'");
        HBox.setHgrow(input, Priority.ALWAYS);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) input.setText(row.commandProperty().get());
        });
        Button add = new Button("Add");
        add.setId("probe-add");
        add.setOnAction(e -> {
            if (vm.add(input.getText())) input.clear();
        });
        input.setOnAction(e -> add.fire());
        Button edit = new Button("Change");
        edit.setTooltip(new Tooltip("Replace the selected probe's command with the text in the field"));
        edit.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        edit.setOnAction(e -> vm.edit(table.getSelectionModel().getSelectedItem(), input.getText()));
        Button remove = new Button("Remove");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> vm.remove(table.getSelectionModel().getSelectedItem()));
        Button save = new Button("Save");
        save.setId("probes-save");
        save.setTooltip(new Tooltip("Write the project's and your probes to .baseshift.json in the project folder"));
        save.disableProperty().bind(vm.dirtyProperty().not());
        save.setOnAction(e -> vm.save());
        HBox buttons = new HBox(6, add, edit, remove, save);

        Label message = new Label();
        message.setId("probes-message");
        message.getStyleClass().add("muted");
        message.setWrapText(true);
        // above the field, with its room kept: the buttons never move when a message appears or goes
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(Bindings.when(Bindings.isNotEmpty(vm.messageProperty()))
                .then(vm.messageProperty()).otherwise(" "));
        input.setAccessibleText("Probe command");
        getChildren().addAll(heading, hint, table, message, input, buttons);
    }
}
