package dev.baseshift.ui.spectrum;

import dev.baseshift.advice.Finding;
import dev.baseshift.advice.Severity;
import dev.baseshift.catalog.Tier;
import dev.baseshift.ui.CodeView;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.Arrays;

/**
 * The base slider with the chosen variant's base, its diff against the original and its findings; check boxes for
 * the tiers to compare and a field for a custom image. Everything updates at once: no build is involved.
 */
public final class SpectrumView extends VBox {
    private final SpectrumViewModel vm;
    private final Slider slider = new Slider();
    private final HBox compareBoxes = new HBox(10);
    private final HBox factsStrip = new HBox(14);
    private final CodeView diff = new CodeView();
    private boolean syncing;

    /** @param extra nodes for the header's right side (the Save variant button) */
    public SpectrumView(SpectrumViewModel vm, Node... extra) {
        this.vm = vm;
        getStyleClass().addAll("pane", "spectrum-view");
        setSpacing(8);
        setPadding(new Insets(10));

        slider.setId("base-slider");
        slider.setAccessibleText("Base image tier");
        slider.setMin(0);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setBlockIncrement(1);
        slider.setSnapToTicks(true);
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.setLabelFormatter(tickLabels());
        slider.valueProperty().addListener((o, a, b) -> {
            if (!syncing) vm.selectIndex((int) Math.round(b.doubleValue()));
        });
        // a click on a tick label moves the knob there (the axis under the track is not otherwise clickable)
        slider.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            Node axis = slider.lookup(".axis");
            if (axis instanceof javafx.scene.chart.NumberAxis a && !slider.isDisabled()) {
                javafx.geometry.Point2D p = a.sceneToLocal(e.getSceneX(), e.getSceneY());
                if (p != null && p.getY() >= 0 && p.getY() <= a.getHeight() + 4) {
                    vm.selectIndex((int) Math.round(a.getValueForDisplay(p.getX()).doubleValue()));
                    e.consume();
                }
            }
        });
        vm.tiers().addListener((ListChangeListener<Tier>) c -> rebuildTiers());
        vm.originalTierProperty().addListener((o, a, t) -> rebuildTiers());
        vm.selectedTierProperty().addListener((o, a, t) -> syncSlider());
        vm.tierFacts().addListener((javafx.collections.MapChangeListener<Tier, TierFacts>) c -> rebuildFacts());
        HBox.setHgrow(slider, Priority.ALWAYS);

        Label sliderLabel = new Label("Base");
        sliderLabel.getStyleClass().add("subheading");
        sliderLabel.setMinWidth(Region.USE_PREF_SIZE);
        slider.getStyleClass().add("base-slider");
        HBox sliderRow = new HBox(12, sliderLabel, slider);
        sliderRow.setAlignment(Pos.TOP_LEFT);

        // each tier's base before anything is built: a bar by its download size, flagged when unusable
        factsStrip.setId("base-facts");
        factsStrip.setAlignment(Pos.BOTTOM_LEFT);
        Label factsStatus = new Label();
        factsStatus.setId("facts-status");
        factsStatus.getStyleClass().add("muted");
        factsStatus.textProperty().bind(vm.factsStatusProperty());
        factsStatus.setWrapText(true);
        ComboBox<String> platform = new ComboBox<>(vm.platforms());
        platform.setId("platform");
        platform.setTooltip(new Tooltip("Whose base sizes are shown, and which platform the comparison builds"));
        platform.setAccessibleText("Platform");
        platform.getSelectionModel().select(0);
        platform.valueProperty().addListener((o, a, p) -> {
            if (p != null && !p.equals(vm.platformProperty().get())) vm.platformProperty().set(p);
        });
        vm.platforms().addListener((ListChangeListener<String>) c -> {
            // the engine answered: its platform is first; keep a choice the user made
            String chosen = vm.platformProperty().get();
            platform.setValue(chosen != null && vm.platforms().contains(chosen) ? chosen : vm.platforms().get(0));
        });
        Label platformLabel = new Label("Platform");
        platformLabel.getStyleClass().add("muted");
        // the status line gives way (its whole text in a tooltip), never the picker
        platformLabel.setMinWidth(Region.USE_PREF_SIZE);
        platform.setMinWidth(Region.USE_PREF_SIZE);
        factsStatus.setMinWidth(0);
        Tooltip statusTip = new Tooltip();
        statusTip.textProperty().bind(vm.factsStatusProperty());
        factsStatus.setTooltip(statusTip);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox statusRow = new HBox(8, factsStatus, gap, platformLabel, platform);
        statusRow.setAlignment(Pos.CENTER_LEFT);
        factsStatus.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(factsStatus, Priority.SOMETIMES);
        VBox factsBox = new VBox(4, factsStrip, statusRow);
        factsBox.setPadding(new Insets(0, 0, 0, 46));
        factsBox.managedProperty().bind(vm.factsStatusProperty().isNotEmpty());
        factsBox.visibleProperty().bind(factsBox.managedProperty());

        Label base = new Label();
        base.setId("variant-base");
        base.getStyleClass().add("base-reference");
        base.textProperty().bind(vm.baseReferenceProperty());
        base.setMinWidth(Region.USE_PREF_SIZE);
        Label change = new Label();
        change.getStyleClass().add("muted");
        change.textProperty().bind(vm.changeSummaryProperty());
        change.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label baseFacts = new Label();
        baseFacts.setId("variant-base-facts");
        baseFacts.getStyleClass().add("muted");
        baseFacts.textProperty().bind(vm.selectedFactsProperty());
        baseFacts.setTooltip(new Tooltip());
        baseFacts.getTooltip().textProperty().bind(vm.selectedFactsProperty());
        HBox baseRow = new HBox(12, base, change, baseFacts, spacer);
        for (Node n : extra) if (n instanceof Region r) r.setMinWidth(Region.USE_PREF_SIZE);
        baseRow.getChildren().addAll(extra);
        baseRow.setAlignment(Pos.CENTER_LEFT);

        Label compareLabel = new Label("Compare:");
        compareLabel.getStyleClass().add("muted");
        compareBoxes.setAlignment(Pos.CENTER_LEFT);
        ComboBox<Tier> customTier = new ComboBox<>();
        customTier.getItems().addAll(Arrays.stream(Tier.values()).filter(t -> t != Tier.ORIGINAL).toList());
        customTier.setValue(Tier.SLIM);
        customTier.setConverter(new StringConverter<>() {
            @Override
            public String toString(Tier t) {
                return t == null ? "" : t.id();
            }

            @Override
            public Tier fromString(String s) {
                return Tier.parse(s);
            }
        });
        TextField customImage = new TextField();
        customImage.setId("custom-image");
        customImage.setPromptText("your image, e.g. registry.example.com/python:3.12-slim");
        customImage.setPrefColumnCount(26);
        Button useCustom = new Button("Use image");
        useCustom.setTooltip(new Tooltip("Use this image for the chosen tier (plans again, nothing is built)"));
        useCustom.disableProperty().bind(customImage.textProperty().isEmpty());
        useCustom.setOnAction(e -> {
            vm.useCustomBase(customTier.getValue(), customImage.getText());
            customImage.clear();
        });
        customImage.setOnAction(e -> useCustom.fire());
        compareLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox compareRow = new HBox(10, compareLabel, compareBoxes);
        compareRow.setAlignment(Pos.CENTER_LEFT);
        Label customLabel = new Label("Custom image for");
        customLabel.getStyleClass().add("muted");
        customLabel.setMinWidth(Region.USE_PREF_SIZE);
        useCustom.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(customImage, Priority.ALWAYS);
        customImage.setMaxWidth(420);
        HBox customRow = new HBox(8, customLabel, customTier, customImage, useCustom);
        customRow.setAlignment(Pos.CENTER_LEFT);

        diff.setId("variant-diff");
        diff.setItems(vm.diff());
        ListView<Finding> findings = new ListView<>(vm.findings());
        findings.setId("findings");
        Label placeholder = new Label();
        placeholder.setId("findings-placeholder");
        placeholder.setWrapText(true);
        placeholder.setPadding(new Insets(8));
        placeholder.textProperty().bind(vm.findingsPlaceholderProperty());
        findings.setPlaceholder(placeholder);
        findings.setCellFactory(v -> new FindingCell());
        findings.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> {
            if (f != null && f.line() > 0) diff.reveal(f.line());
        });
        Label findingsLabel = new Label();
        findingsLabel.getStyleClass().add("subheading");
        findingsLabel.textProperty().bind(javafx.beans.binding.Bindings.size(vm.findings()).asString("Findings (%d)"));
        VBox findingsBox = new VBox(4, findingsLabel, findings);
        VBox.setVgrow(findings, Priority.ALWAYS);
        Label diffLabel = new Label("Variant Dockerfile (changes against the original)");
        diffLabel.getStyleClass().add("subheading");
        VBox diffBox = new VBox(4, diffLabel, diff);
        VBox.setVgrow(diff, Priority.ALWAYS);
        SplitPane split = new SplitPane(diffBox, findingsBox);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.58);
        VBox.setVgrow(split, Priority.ALWAYS);

        getChildren().addAll(sliderRow, factsBox, baseRow, compareRow, customRow, split);
        rebuildTiers();
    }

    private void rebuildFacts() {
        slider.setLabelFormatter(tickLabels());
        // the axis keeps the labels of tick values it already has: a new skin draws them with the flags
        if (slider.getSkin() != null) slider.setSkin(new javafx.scene.control.skin.SliderSkin(slider));
        factsStrip.getChildren().clear();
        for (Tier t : vm.tiers()) {
            TierFacts f = vm.tierFacts().get(t);
            if (f == null) continue;
            Region bar = new Region();
            bar.getStyleClass().addAll("facts-bar", f.flagged() ? "facts-bar-flagged" : "facts-bar-known");
            bar.setMinSize(3 + 110 * f.bar(), 8);
            bar.setMaxSize(3 + 110 * f.bar(), 8);
            Label name = new Label(t.id() + "  " + f.tick());
            name.getStyleClass().add(f.flagged() ? "facts-flagged" : "facts-label");
            name.setMinWidth(Region.USE_PREF_SIZE);
            VBox cell = new VBox(2, name, bar);
            cell.setId("facts-" + t.id());
            Tooltip.install(cell, new Tooltip(t.id() + ": " + f.detail()));
            factsStrip.getChildren().add(cell);
        }
    }

    private void rebuildTiers() {
        syncing = true;
        int n = vm.tiers().size();
        slider.setMax(Math.max(0, n - 1));
        slider.setDisable(n < 2);
        // a new formatter makes the axis lay its labels out again: the ticks name this project's tiers
        slider.setLabelFormatter(tickLabels());
        compareBoxes.getChildren().clear();
        for (Tier t : vm.tiers()) {
            CheckBox box = new CheckBox(t.id());
            box.setMinWidth(Region.USE_PREF_SIZE);
            box.setId("compare-" + t.id());
            if (t == vm.originalTierProperty().get()) {
                box.setSelected(true);
                box.setDisable(true);
                box.setTooltip(new Tooltip("The original is always compared: it is the baseline"));
            } else {
                box.selectedProperty().bindBidirectional(vm.comparedProperty(t));
            }
            compareBoxes.getChildren().add(box);
        }
        syncing = false;
        syncSlider();
    }

    /** Tick labels from the tiers as they are now; the original is marked "● full (yours)". */
    private StringConverter<Double> tickLabels() {
        java.util.List<Tier> now = java.util.List.copyOf(vm.tiers());
        Tier original = vm.originalTierProperty().get();
        return new StringConverter<>() {
            @Override
            public String toString(Double value) {
                int i = (int) Math.round(value);
                if (i < 0 || i >= now.size()) return "";
                Tier t = now.get(i);
                String name = t == original ? "● " + t.id() + " (yours)" : t.id();
                TierFacts f = vm.tierFacts().get(t);
                // a tag that does not exist, or a missing platform, shows on its tick
                return f != null && f.flagged() ? name + "  " + f.tick() : name;
            }

            @Override
            public Double fromString(String s) {
                return 0.0;
            }
        };
    }

    private void syncSlider() {
        Tier t = vm.selectedTierProperty().get();
        int i = t == null ? -1 : vm.tiers().indexOf(t);
        if (i >= 0 && Math.round(slider.getValue()) != i) {
            syncing = true;
            slider.setValue(i);
            syncing = false;
        }
    }

    private static final class FindingCell extends ListCell<Finding> {
        @Override
        protected void updateItem(Finding f, boolean empty) {
            super.updateItem(f, empty);
            getStyleClass().removeAll("finding-error", "finding-warning", "finding-info");
            if (empty || f == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label icon = new Label(f.severity() == Severity.ERROR ? "✖" : f.severity() == Severity.WARNING ? "▲" : "ℹ");
            icon.getStyleClass().addAll("severity-icon", "severity-" + f.severity().id());
            icon.setMinWidth(18);
            Label where = new Label(f.line() > 0 ? "line " + f.line() : "file");
            where.getStyleClass().add("finding-line");
            where.setMinWidth(52);
            Label message = new Label(f.message());
            message.getStyleClass().add("finding-message");
            message.setWrapText(true);
            Label fix = new Label(f.fix() == null || f.fix().isBlank() ? "" : "Fix: " + f.fix());
            fix.getStyleClass().add("finding-fix");
            fix.setWrapText(true);
            fix.setManaged(!fix.getText().isEmpty());
            VBox text = new VBox(2, message, fix);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMaxWidth(Double.MAX_VALUE);
            text.setPrefWidth(0);
            HBox row = new HBox(8, icon, where, text);
            row.setAlignment(Pos.TOP_LEFT);
            getStyleClass().add("finding-" + f.severity().id());
            setText(null);
            setGraphic(row);
            setTooltip(new Tooltip(f.rule()));
        }
    }
}
