package dev.baseshift.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;

/** Always-visible engine line: which engine, or "No engine reachable" with the attempts, how to fix, and Retry. */
public final class EngineStatusView extends HBox {

    public EngineStatusView(EngineStatusViewModel vm) {
        getStyleClass().add("engine-status");
        setSpacing(6);
        setAlignment(Pos.CENTER_LEFT);
        Circle dot = new Circle(5);
        dot.getStyleClass().add("engine-dot");
        Label summary = new Label();
        summary.setId("engine-summary");
        summary.textProperty().bind(vm.summaryProperty());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(vm.detailProperty());
        tip.setWrapText(true);
        tip.setMaxWidth(600);
        summary.setTooltip(tip);
        Hyperlink details = new Hyperlink("Details…");
        details.setId("engine-details");
        details.setOnAction(e -> {
            Alert a = new Alert(Alert.AlertType.INFORMATION);
            a.setHeaderText(vm.summaryProperty().get());
            TextArea text = new TextArea(vm.detailProperty().get());
            text.setEditable(false);
            text.setWrapText(true);
            text.setPrefRowCount(10);
            a.getDialogPane().setContent(text);
            if (getScene() != null) a.initOwner(getScene().getWindow());
            a.show();
        });
        Button retry = new Button("Retry");
        retry.setId("engine-retry");
        retry.getStyleClass().add("small");
        retry.setOnAction(e -> vm.connect());
        vm.stateProperty().addListener((o, a, s) -> update(vm.stateProperty().get(), dot, details, retry));
        update(vm.stateProperty().get(), dot, details, retry);
        getChildren().addAll(dot, summary, details, retry);
    }

    private static void update(EngineStatusViewModel.State s, Circle dot, Hyperlink details, Button retry) {
        dot.getStyleClass().removeIf(c -> c.startsWith("engine-"));
        dot.getStyleClass().addAll("engine-dot", "engine-" + s.name().toLowerCase(java.util.Locale.ROOT));
        boolean down = s == EngineStatusViewModel.State.UNAVAILABLE;
        details.setVisible(down);
        details.setManaged(down);
        retry.setVisible(s != EngineStatusViewModel.State.CHECKING);
        retry.setManaged(retry.isVisible());
    }
}
