package dev.baseshift.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvReportTest {
    @TempDir
    Path dir;

    static List<CSVRecord> parse(String text) throws IOException {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text)).getRecords();
    }

    @Test
    void oneRowPerVariantWithNumbersDeltasAndTheRecommendation() throws IOException {
        Path file = dir.resolve("report.csv");

        Path layers = CsvReport.write(ReportFixtures.numpyApp(), file);

        assertThat(layers).isEqualTo(dir.resolve("report-layers.csv"));
        String text = Files.readString(file);
        assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("tier,base,status,bytes,MB,delta bytes,delta %,"
                + "base bytes,app bytes,layers,build seconds,build cache,probes passed,probes total,recommended,error");
        List<CSVRecord> rows = parse(text);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).values()).containsExactly("full", "bsfixture/py:full", "built", "1100000000",
                "1100.0", "0", "0.0", "1000000000", "100000000", "2", "12.25", "built", "2", "2", "false", "");
        assertThat(rows.get(1).values()).containsExactly("slim", "bsfixture/py:slim", "built", "150000000", "150.0",
                "-950000000", "-86.4", "140000000", "10000000", "0", "3.50", "built", "0", "2", "false", "");
        assertThat(rows.get(2).values()).containsExactly("distroless", "bsfixture/py:distroless", "built",
                "287700000", "287.7", "-812300000", "-73.8", "280000000", "7700000", "2", "2.00", "built", "2", "2", "true", "");
        assertThat(rows.get(3).get("status")).isEqualTo("build-failed");
        assertThat(rows.get(3).get("bytes")).isEmpty();
        assertThat(rows.get(3).get("build cache")).as("a failed build has no image").isEmpty();
        assertThat(rows.get(3).get("error")).startsWith("'@SUM(1+1) The command").contains("\nmore");
        // numbers are bare, not quoted text
        assertThat(text).contains(",-812300000,-73.8,");
    }

    @Test
    void layersFileHasOneRowPerLayerAndDefusesFormulas() throws IOException {
        Path file = dir.resolve("out");
        CsvReport.write(ReportFixtures.numpyApp(), file);

        List<CSVRecord> rows = parse(Files.readString(dir.resolve("out-layers.csv")));

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).values()).containsExactly("full", "0", "1000000000", "true",
                "/bin/sh -c #(nop) ADD file:abc in / ");
        assertThat(rows.get(1).values()).containsExactly("full", "1", "100000000", "false",
                "'=HYPERLINK(\"http://evil\")");
        assertThat(rows.get(3).get("tier")).isEqualTo("distroless");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"})
    void formulaLeadersArePrefixed(String cell) {
        assertThat(CsvReport.text(cell)).isEqualTo("'" + cell);
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        assertThat(CsvReport.text("python:3.12-slim")).isEqualTo("python:3.12-slim");
        assertThat(CsvReport.text("a=b")).isEqualTo("a=b");
        assertThat(CsvReport.text("")).isEmpty();
    }
}
