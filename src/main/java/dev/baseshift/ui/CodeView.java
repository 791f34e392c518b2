package dev.baseshift.ui;

import dev.baseshift.ui.common.CodeLine;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;

import java.util.List;

/**
 * Read-only source with line numbers: a virtualised list, so a Dockerfile of thousands of lines scrolls as fast as a
 * short one. Lines carry style classes ({@code from-line}, {@code error-line}, {@code added}, {@code removed}).
 */
public final class CodeView extends ListView<CodeLine> {

    public CodeView() {
        getStyleClass().add("code-view");
        setFixedCellSize(20);
        setCellFactory(v -> new LineCell());
    }

    public void setLines(List<CodeLine> lines) {
        getItems().setAll(lines);
    }

    /** Selects and scrolls to the first row showing {@code number}, so a clicked finding lands on its line. */
    public void reveal(int number) {
        List<CodeLine> items = getItems();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).number() == number && !items.get(i).styles().contains("removed")) {
                getSelectionModel().clearAndSelect(i);
                scrollTo(Math.max(0, i - 3));
                return;
            }
        }
    }

    private static final class LineCell extends ListCell<CodeLine> {
        private final Label gutter = new Label();
        private final Label marker = new Label();
        private final Label text = new Label();
        private final HBox box = new HBox(gutter, marker, text);
        private List<String> applied = List.of();

        LineCell() {
            gutter.getStyleClass().add("gutter");
            marker.getStyleClass().add("marker");
            text.getStyleClass().add("code-text");
            box.getStyleClass().add("code-line");
        }

        @Override
        protected void updateItem(CodeLine line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll(applied);
            applied = List.of();
            if (empty || line == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            gutter.setText(line.number() > 0 ? Integer.toString(line.number()) : "");
            marker.setText(line.marker());
            marker.setVisible(!line.marker().isEmpty());
            marker.setManaged(!line.marker().isEmpty());
            text.setText(line.text().replace("\t", "    "));
            getStyleClass().addAll(line.styles());
            applied = line.styles();
            setText(null);
            setGraphic(box);
        }
    }
}
