package dev.baseshift.ui.run;

import dev.baseshift.compare.VariantStatus;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Duration;

/** A row per variant (status, progress, elapsed, cancel) and the live build log of the selected one. */
public final class RunView extends VBox {
    private final ListView<String> log = new ListView<>();
    private VariantRunRow shown;
    private final ListChangeListener<String> follow = c -> {
        if (!log.getItems().isEmpty()) log.scrollTo(log.getItems().size() - 1);
    };

    public RunView(RunViewModel vm) {
        getStyleClass().addAll("pane", "run-view");
        setSpacing(6);
        setPadding(new Insets(10));

        TableView<VariantRunRow> table = new TableView<>(vm.rows());
        table.setId("run-rows");
        table.setPlaceholder(new Label("Press Compare to build, measure and probe the ticked variants."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<VariantRunRow, String> tier = new TableColumn<>("Variant");
        tier.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().tier().id()));
        tier.setPrefWidth(90);
        TableColumn<VariantRunRow, String> base = new TableColumn<>("Base");
        base.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().base()));
        base.setPrefWidth(220);
        TableColumn<VariantRunRow, VariantStatus> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> c.getValue().statusProperty());
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(VariantStatus s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeIf(x -> x.startsWith("status-"));
                setText(empty || s == null ? null : s.id());
                if (!empty && s != null) getStyleClass().add("status-" + s.id());
            }
        });
        status.setPrefWidth(100);
        TableColumn<VariantRunRow, ProgressState> progress = progressColumn();
        TableColumn<VariantRunRow, String> elapsed = new TableColumn<>("Time");
        elapsed.setCellValueFactory(c -> c.getValue().elapsedProperty());
        elapsed.setPrefWidth(70);
        TableColumn<VariantRunRow, String> detail = new TableColumn<>("Detail");
        detail.setCellValueFactory(c -> c.getValue().detailProperty());
        detail.setPrefWidth(220);
        TableColumn<VariantRunRow, VariantRunRow> cancel = new TableColumn<>("");
        cancel.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        cancel.setCellFactory(c -> new TableCell<>() {
            private final Button button = new Button("Cancel");

            @Override
            protected void updateItem(VariantRunRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                button.setOnAction(e -> vm.cancel(row.tier()));
                button.disableProperty().bind(Bindings.createBooleanBinding(() -> row.statusProperty().get().finished(),
                        row.statusProperty()));
                setGraphic(button);
            }
        });
        cancel.setPrefWidth(80);
        table.getColumns().add(tier);
        table.getColumns().add(base);
        table.getColumns().add(status);
        table.getColumns().add(progress);
        table.getColumns().add(elapsed);
        table.getColumns().add(cancel);
        table.getColumns().add(detail);

        log.setId("build-log");
        log.getStyleClass().add("build-log");
        log.setPlaceholder(new Label("Select a variant to see its build log."));
        log.setAccessibleText("Build log of the selected variant");
        // long lines (a compiler's command line, a URL) wrap instead of running off to the right
        log.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            {
                setWrapText(true);
                prefWidthProperty().bind(log.widthProperty().subtract(24));
                setMaxWidth(Region.USE_PREF_SIZE);
            }

            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty ? null : line);
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> showLog(row));
        vm.rows().addListener((ListChangeListener<VariantRunRow>) c -> {
            if (!vm.rows().isEmpty()) table.getSelectionModel().select(0);
        });
        if (!vm.rows().isEmpty()) table.getSelectionModel().select(0); // built while a comparison already runs

        Label logLabel = new Label("Build log");
        logLabel.getStyleClass().add("subheading");
        logLabel.textProperty().bind(Bindings.createStringBinding(() -> table.getSelectionModel().getSelectedItem() == null
                ? "Build log" : "Build log: " + table.getSelectionModel().getSelectedItem().tier().id(),
                table.getSelectionModel().selectedItemProperty()));
        VBox logBox = new VBox(4, logLabel, log);
        VBox.setVgrow(log, Priority.ALWAYS);
        SplitPane split = new SplitPane(table, logBox);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        VBox.setVgrow(split, Priority.ALWAYS);

        Label message = new Label();
        message.getStyleClass().add("error-text");
        message.textProperty().bind(vm.messageProperty());
        message.managedProperty().bind(vm.messageProperty().isNotEmpty());
        Label kept = new Label();
        kept.setId("kept-images");
        kept.textProperty().bind(vm.keptTextProperty());
        Button removeKept = new Button("Remove");
        removeKept.setId("kept-remove");
        removeKept.setAccessibleText("Remove this project's BaseShift images");
        removeKept.setTooltip(new javafx.scene.control.Tooltip("Removes the variant images BaseShift keeps for this "
                + "project (baseshift/<project>:<tier>). Base images and your own images are never touched; the next "
                + "comparison builds every variant again."));
        removeKept.disableProperty().bind(vm.canRemoveKeptProperty().not());
        removeKept.setOnAction(e -> vm.removeKept());
        javafx.scene.layout.HBox keptRow = new javafx.scene.layout.HBox(8, kept, removeKept);
        keptRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        keptRow.visibleProperty().bind(vm.keptTextProperty().isNotEmpty());
        keptRow.managedProperty().bind(keptRow.visibleProperty());
        getChildren().addAll(message, split, keptRow);

        Timeline ticker = new Timeline(new KeyFrame(Duration.millis(250), e -> vm.tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        if (vm.runningProperty().get()) ticker.play();
        vm.runningProperty().addListener((o, a, running) -> {
            if (running) ticker.play();
            else {
                ticker.stop();
                vm.tick();
            }
        });
    }

    private void showLog(VariantRunRow row) {
        if (shown != null) shown.log().removeListener(follow);
        shown = row;
        if (row == null) {
            log.setItems(javafx.collections.FXCollections.observableArrayList());
            return;
        }
        log.setItems(row.log());
        row.log().addListener(follow);
        follow.onChanged(null);
    }

    /** A row's progress with its status: a finished bar is coloured by how the variant ended. */
    record ProgressState(double value, VariantStatus status) {}

    static TableColumn<VariantRunRow, ProgressState> progressColumn() {
        TableColumn<VariantRunRow, ProgressState> progress = new TableColumn<>("Progress");
        progress.setCellValueFactory(c -> {
            VariantRunRow r = c.getValue();
            return Bindings.createObjectBinding(() -> new ProgressState(r.progressProperty().get(),
                    r.statusProperty().get()), r.progressProperty(), r.statusProperty());
        });
        progress.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();

            {
                bar.setMaxWidth(Double.MAX_VALUE);
            }

            @Override
            protected void updateItem(ProgressState p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setGraphic(null);
                } else {
                    bar.setProgress(p.value() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : p.value());
                    bar.getStyleClass().removeAll("failed", "cancelled");
                    String style = progressStyle(p.status());
                    if (style != null) bar.getStyleClass().add(style);
                    setGraphic(bar);
                }
            }
        });
        progress.setPrefWidth(140);
        return progress;
    }

    /** "failed" (red) for a failed build, "cancelled" (grey) for cancelled or skipped, else null (accent). */
    static String progressStyle(VariantStatus s) {
        return switch (s) {
            case BUILD_FAILED -> "failed";
            case CANCELLED, SKIPPED -> "cancelled";
            default -> null;
        };
    }
}
