package dev.baseshift.ui.results;

import dev.baseshift.chart.LayerChart;
import dev.baseshift.compare.ProbeResult;
import dev.baseshift.compare.Sizes;
import dev.baseshift.compare.VariantStatus;
import dev.baseshift.catalog.Tier;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

/** The recommendation banner, the layer chart, the results table and the probe matrix. */
public final class ResultsView extends VBox {
    private final ResultsViewModel vm;
    private final TableView<ResultsViewModel.MatrixRow> matrix = new TableView<>();

    /** @param toolbar nodes for the top right (the export buttons) */
    public ResultsView(ResultsViewModel vm, Node toolbar) {
        this.vm = vm;
        getStyleClass().addAll("pane", "results-view");
        setSpacing(8);
        setPadding(new Insets(10));

        Label banner = new Label();
        banner.setId("recommendation");
        banner.getStyleClass().add("banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setMinHeight(Region.USE_PREF_SIZE); // wrap long reasons instead of cutting them off
        banner.textProperty().bind(vm.bannerProperty());
        banner.visibleProperty().bind(vm.bannerProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        vm.bannerKindProperty().addListener((o, a, kind) -> {
            banner.getStyleClass().removeIf(s -> s.startsWith("banner-"));
            banner.getStyleClass().add("banner-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        });
        Label heading = new Label("Results");
        heading.getStyleClass().add("subheading");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(10, heading, spacer, toolbar);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        LayerChart chart = new LayerChart();
        chart.setId("layer-chart");
        chart.setBars(vm.barsProperty().get());
        vm.barsProperty().addListener((o, a, bars) -> chart.setBars(bars));
        chart.selectedLayerProperty().addListener((o, a, sel) ->
                vm.showLayer(sel == null ? null : sel.bar(), sel == null ? null : sel.layer()));
        Label layer = new Label();
        layer.setId("layer-detail");
        layer.getStyleClass().add("muted");
        layer.setWrapText(true);
        layer.textProperty().bind(vm.layerDetailProperty());
        layer.managedProperty().bind(vm.layerDetailProperty().isNotEmpty());
        VBox chartBox = new VBox(4, chart, layer);
        VBox.setVgrow(chart, Priority.ALWAYS);

        TabPane details = new TabPane(new Tab("Table", table()), new Tab("Probe matrix", matrixPane()));
        details.setId("results-details");
        details.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        details.setMinHeight(120);
        // chart | table or matrix | output: both dividers move, so the matrix shows every row and the output has room
        SplitPane split = new SplitPane(chartBox, details, outputPane());
        split.setId("results-split");
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45, 0.78);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(top, banner, split);
    }

    private TableView<ResultRow> table() {
        TableView<ResultRow> table = new TableView<>();
        table.setId("results-table");
        table.setPlaceholder(new Label("No results yet."));
        // twelve columns must fit the pane (1400 px window): they share its width rather than scroll off it
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        javafx.collections.transformation.SortedList<ResultRow> sorted = new javafx.collections.transformation.SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        // "slim+fix" sorts right after "slim"
        table.getColumns().add(column("Tier", r -> r, ResultRow::label, Comparator.comparing(ResultRow::tier)
                .thenComparing(ResultRow::repaired), 95));
        table.getColumns().add(column("Base", ResultRow::base, s -> s, Comparator.naturalOrder(), 190));
        table.getColumns().add(column("Status", ResultRow::status, VariantStatus::id, Comparator.naturalOrder(), 90));
        table.getColumns().add(column("Size", ResultRow::sizeBytes, Sizes::format, Comparator.naturalOrder(), 80));
        table.getColumns().add(column("Δ vs original", ResultRow::deltaBytes, ResultsView::delta, Comparator.naturalOrder(), 100));
        table.getColumns().add(column("Δ %", ResultRow::deltaPercent, ResultsView::percent, Comparator.naturalOrder(), 70));
        table.getColumns().add(column("Base size", ResultRow::baseBytes, Sizes::format, Comparator.naturalOrder(), 80));
        table.getColumns().add(column("App size", ResultRow::appBytes, Sizes::format, Comparator.naturalOrder(), 80));
        table.getColumns().add(column("Pull size", ResultRow::pullBytes, Sizes::format, Comparator.naturalOrder(), 80));
        table.getColumns().add(column("Layers", ResultRow::layers, String::valueOf, Comparator.naturalOrder(), 60));
        table.getColumns().add(column("Build", r -> r, ResultRow::buildText,
                Comparator.comparing((ResultRow r) -> r.cached() ? 0.0 : r.buildSeconds() == null ? -1 : r.buildSeconds()), 70));
        table.getColumns().add(column("Probes", ResultsView::passRate, p -> "", Comparator.<Double>naturalOrder(), 70));
        // the probes column shows "passed/run" but sorts by the pass rate
        @SuppressWarnings("unchecked")
        TableColumn<ResultRow, Double> probes = (TableColumn<ResultRow, Double>) table.getColumns().get(table.getColumns().size() - 1);
        probes.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                ResultRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(row == null ? null : row.probesText());
            }
        });
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(ResultRow r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().remove("recommended-row");
                if (!empty && r != null && r.recommended()) getStyleClass().add("recommended-row");
                setTooltip(!empty && r != null && r.error() != null ? new javafx.scene.control.Tooltip(r.error()) : null);
            }
        });
        // a click (or double-click) on a row opens that variant's build log and probe outputs below
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) vm.showVariant(r.label());
        });
        table.setOnMouseClicked(e -> {
            ResultRow r = table.getSelectionModel().getSelectedItem();
            if (r != null && e.getClickCount() >= 1) vm.showVariant(r.label());
        });
        table.setAccessibleText("Results table: one row per variant");
        return table;
    }

    private static Double passRate(ResultRow r) {
        return r.probesRun() == 0 ? null : (double) r.probesPassed() / r.probesRun();
    }

    /** "+4.1%", "−61.3%": the same minus sign (U+2212) as the sizes. */
    static String percent(Double p) {
        String s = String.format(Locale.ROOT, "%.1f%%", Math.abs(p));
        return p == 0 ? "±" + s : (p < 0 ? "−" : "+") + s;
    }

    private static String delta(Long bytes) {
        return bytes == 0 ? "±0B" : (bytes < 0 ? "−" : "+") + Sizes.format(Math.abs(bytes));
    }

    private static <T> TableColumn<ResultRow, T> column(String title, Function<ResultRow, T> value,
                                                        Function<T, String> format, Comparator<T> order, double width) {
        TableColumn<ResultRow, T> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setComparator(Comparator.nullsLast(order));
        col.setCellFactory(c -> new TableCell<>() {
            private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

            @Override
            protected void updateItem(T v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? (empty ? null : "–") : format.apply(v));
                // the whole value on hover, for a cell the column cuts short
                tip.setText(getText());
                setTooltip(empty || v == null ? null : tip);
            }
        });
        col.setPrefWidth(width);
        // never narrower than its title or a typical value ("999MB", "−999MB"): sizes must not read "41…"
        col.setMinWidth(Math.max(MIN_COLUMN, Math.min(width, textWidth(title) + 28)));
        return col;
    }

    static final double MIN_COLUMN = 64;

    private static double textWidth(String s) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        t.setFont(javafx.scene.text.Font.font(13));
        return t.getLayoutBounds().getWidth();
    }

    private Node outputPane() {
        TextArea output = new TextArea();
        output.setId("probe-output");
        output.setEditable(false);
        output.setWrapText(true);
        output.getStyleClass().add("mono");
        output.setPrefRowCount(6);
        output.setAccessibleText("Output of the clicked probe or variant");
        output.textProperty().bind(vm.probeDetailProperty());
        Label hint = new Label("Click a row or a probe cell to see its build log and output here.");
        hint.getStyleClass().add("muted");
        VBox box = new VBox(4, hint, output);
        box.setMinHeight(60);
        VBox.setVgrow(output, Priority.ALWAYS);
        return box;
    }

    private Node matrixPane() {
        matrix.setId("probe-matrix");
        matrix.setItems(vm.matrix());
        matrix.setPlaceholder(new Label("No probes ran yet."));
        matrix.setFixedCellSize(26);
        matrix.getSelectionModel().setCellSelectionEnabled(true);
        vm.probeColumns().addListener((ListChangeListener<String>) c -> rebuildMatrix());
        rebuildMatrix();
        matrix.getSelectionModel().getSelectedCells().addListener((ListChangeListener<javafx.scene.control.TablePosition>) c -> {
            if (matrix.getSelectionModel().getSelectedCells().isEmpty()) return;
            javafx.scene.control.TablePosition<?, ?> pos = matrix.getSelectionModel().getSelectedCells().get(0);
            if (pos.getRow() < 0 || pos.getRow() >= matrix.getItems().size()) return;
            ResultsViewModel.MatrixRow row = matrix.getItems().get(pos.getRow());
            if (pos.getColumn() < 1) vm.showVariant(row.tier());
            else vm.showCell(row, vm.probeColumns().get(pos.getColumn() - 1));
        });
        matrix.setAccessibleText("Probe matrix: one row per variant, one column per probe");
        return matrix;
    }

    private void rebuildMatrix() {
        matrix.getColumns().clear();
        TableColumn<ResultsViewModel.MatrixRow, String> variant = new TableColumn<>("Variant");
        variant.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().tier()));
        variant.setPrefWidth(100);
        matrix.getColumns().add(variant);
        for (String command : vm.probeColumns()) {
            TableColumn<ResultsViewModel.MatrixRow, ProbeResult> col = new TableColumn<>(command);
            col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().outcomes().get(command)));
            col.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(ProbeResult p, boolean empty) {
                    super.updateItem(p, empty);
                    getStyleClass().removeIf(s -> s.startsWith("probe-"));
                    if (empty) {
                        setText(null);
                        return;
                    }
                    ResultsViewModel.MatrixRow row = getTableRow() == null ? null : getTableRow().getItem();
                    setText(row == null ? ResultsViewModel.symbol(p) : row.symbol(command));
                    getStyleClass().add(row == null ? "probe-" + (p == null ? "none" : p.outcome().id()) : row.style(command));
                }
            });
            col.setPrefWidth(Math.max(90, Math.min(340, command.length() * 8.0 + 24)));
            col.setSortable(false);
            matrix.getColumns().add(col);
        }
    }
}
