package dev.baseshift.report;

import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.compare.LayerMeasure;
import dev.baseshift.compare.ProbeOutcome;
import dev.baseshift.compare.Sizes;
import dev.baseshift.compare.VariantResult;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A comparison as two CSV files: one row per variant ({@code name.csv}) and one row per layer
 * ({@code name-layers.csv}). Numbers are written as plain numbers; text cells that a spreadsheet would take for a
 * formula are prefixed with an apostrophe (OWASP's advice against CSV injection).
 */
public final class CsvReport {
    static final String[] VARIANT_HEADER = {"tier", "base", "status", "bytes", "MB", "delta bytes", "delta %",
            "base bytes", "app bytes", "layers", "build seconds", "build cache", "probes passed", "probes total", "recommended",
            "error"};
    static final String[] LAYER_HEADER = {"tier", "index", "bytes", "fromBase", "createdBy"};

    private CsvReport() {}

    /** Writes {@code file} and, beside it, the layers file; returns the layers file's path. */
    public static Path write(ComparisonResult result, Path file) throws IOException {
        Path layers = layersFile(file);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeVariants(result, w);
        }
        try (Writer w = Files.newBufferedWriter(layers, StandardCharsets.UTF_8)) {
            writeLayers(result, w);
        }
        return layers;
    }

    /** {@code report.csv} → {@code report-layers.csv}; a name without {@code .csv} gets the suffix appended. */
    public static Path layersFile(Path file) {
        String name = file.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4)
                : name;
        return file.resolveSibling(stem + "-layers.csv");
    }

    public static void writeVariants(ComparisonResult result, Appendable out) throws IOException {
        VariantResult original = result.original().filter(VariantResult::built).orElse(null);
        try (CSVPrinter csv = printer(out, VARIANT_HEADER)) {
            for (VariantResult v : result.variants()) {
                List<Object> row = new ArrayList<>();
                row.add(text(v.variant().label()));
                row.add(text(v.variant().base()));
                row.add(text(v.status().id()));
                if (v.built()) {
                    row.add(v.sizeBytes());
                    row.add(decimal(Sizes.megabytes(v.sizeBytes()), 1));
                    if (original != null) {
                        long delta = v.sizeBytes() - original.sizeBytes();
                        row.add(delta);
                        row.add(original.sizeBytes() == 0 ? "" : decimal(100.0 * delta / original.sizeBytes(), 1));
                    } else {
                        row.add("");
                        row.add("");
                    }
                    row.add(v.baseSizeBytes());
                    row.add(v.appSizeBytes());
                    row.add(v.layers().size());
                } else {
                    for (int i = 0; i < 7; i++) row.add("");
                }
                row.add(decimal(v.buildSeconds(), 2));
                row.add(v.buildCache().id() == null ? "" : v.buildCache().id());
                row.add(v.probesPassed());
                row.add(v.probes().stream().filter(p -> p.outcome() != ProbeOutcome.SKIPPED).count());
                row.add(result.recommendation() != null && result.recommendation().isFor(v));
                row.add(text(v.error() == null ? "" : v.error()));
                csv.printRecord(row);
            }
        }
    }

    public static void writeLayers(ComparisonResult result, Appendable out) throws IOException {
        try (CSVPrinter csv = printer(out, LAYER_HEADER)) {
            for (VariantResult v : result.variants()) {
                for (LayerMeasure l : v.layers()) {
                    csv.printRecord(text(v.variant().label()), l.index(), l.sizeBytes(), l.fromBase(),
                            text(l.createdBy() == null ? "" : l.createdBy()));
                }
            }
        }
    }

    /** Text a spreadsheet would evaluate (leading = + - @ tab CR) gets a leading apostrophe. */
    static String text(String value) {
        if (value == null || value.isEmpty()) return "";
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }

    private static BigDecimal decimal(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP);
    }

    private static CSVPrinter printer(Appendable out, String[] header) throws IOException {
        return CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator("\n").get().print(out);
    }
}
