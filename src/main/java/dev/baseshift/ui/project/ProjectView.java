package dev.baseshift.ui.project;

import dev.baseshift.ui.CodeView;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The project pane: the Dockerfiles found and the chosen one, read-only, with the base's FROM line marked. */
public final class ProjectView extends VBox {
    private final CodeView source = new CodeView();

    public ProjectView(ProjectViewModel vm) {
        getStyleClass().addAll("pane", "project-view");
        setSpacing(6);
        setPadding(new Insets(10));

        Label heading = new Label();
        heading.getStyleClass().add("heading");
        heading.textProperty().bind(vm.projectNameProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.loadingProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(6, heading, spacer, busy);

        Label path = new Label();
        path.getStyleClass().add("muted");
        path.textProperty().bind(Bindings.createStringBinding(() -> vm.projectDirProperty().get() == null ? ""
                : vm.projectDirProperty().get().toString(), vm.projectDirProperty()));
        path.setWrapText(true);

        Label filesLabel = new Label("Dockerfiles");
        filesLabel.getStyleClass().add("subheading");
        ListView<String> files = new ListView<>(vm.dockerfiles());
        files.setId("dockerfiles");
        files.setPrefHeight(90);
        files.setMinHeight(60);
        vm.selectedDockerfileProperty().addListener((o, a, b) -> files.getSelectionModel().select(b));
        files.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) vm.selectDockerfile(b);
        });

        Label error = new Label();
        error.setId("project-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        // a long message (a broken Dockerfile, an empty folder) wraps whole instead of being cut to one line
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        source.setId("dockerfile-source");
        Label noSource = new Label();
        noSource.getStyleClass().add("muted");
        noSource.setWrapText(true);
        noSource.textProperty().bind(Bindings.createStringBinding(() -> vm.projectDirProperty().get() == null
                ? "Open a project folder (File ▸ Open Folder…, or drop one on the window)."
                : vm.dockerfiles().isEmpty() ? "No Dockerfile here." : "", vm.projectDirProperty(), vm.dockerfiles()));
        source.setPlaceholder(noSource);
        source.setAccessibleText("The chosen Dockerfile, read-only");
        files.setAccessibleText("Dockerfiles found in the project");
        source.setItems(vm.source());
        VBox.setVgrow(source, Priority.ALWAYS);
        vm.errorLineProperty().addListener((o, a, line) -> {
            if (line.intValue() > 0) source.reveal(line.intValue());
        });
        vm.fromLineProperty().addListener((o, a, line) -> {
            if (line.intValue() > 0 && vm.errorLineProperty().get() == 0) source.scrollTo(Math.max(0, line.intValue() - 3));
        });

        Label srcLabel = new Label();
        srcLabel.getStyleClass().add("subheading");
        srcLabel.textProperty().bind(vm.selectedDockerfileProperty());
        getChildren().addAll(top, path, filesLabel, files, error, srcLabel, source);
    }
}
