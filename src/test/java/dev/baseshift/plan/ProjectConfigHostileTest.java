package dev.baseshift.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hostile and broken {@code .baseshift.json} files: each is a clear error naming the file, never an internal one. */
class ProjectConfigHostileTest {
    static final String GOOD = "{\"probes\": [\"python3 -c 'import numpy'\", {\"name\": \"req\", \"command\": "
            + "\"python3 -c 'import requests'\", \"enabled\": false}], \"bases\": {\"slim\": \"python:3.12-slim\"}, "
            + "\"tiers\": [\"slim\", \"alpine\"], \"parallel\": 2, \"probeTimeoutSeconds\": 30, \"buildNetwork\": \"host\"}";

    @TempDir
    Path dir;

    @Test
    void theGoodOneReads() throws IOException {
        assertThat(ProjectConfig.parse(GOOD, "f").probes()).hasSize(2);
    }

    @Test
    void wrongValuesNameTheFileAndTheField() {
        assertThatThrownBy(() -> ProjectConfig.parse("{\"probes\": [{\"command\": \"true\", \"enabled", "c.json"))
                .hasMessage("c.json:1:41: not valid JSON: Unexpected end-of-input in field name");
        assertThatThrownBy(() -> ProjectConfig.parse("{\"probes\": [{\"command\": \"true\", \"enabled\": \"yes\"}]}",
                "c.json")).hasMessage("c.json: probe 1: \"enabled\" must be true or false, not \"yes\"");
        assertThatThrownBy(() -> ProjectConfig.parse("{\"bases\": {\"slim\": \"not a ref!\"}}", "c.json"))
                .hasMessageStartingWith("c.json: bases.slim: 'not a ref!' is not a valid image reference");
        assertThatThrownBy(() -> ProjectConfig.parse("{\"tiers\": [1]}", "c.json"))
                .hasMessage("c.json: tiers: expected a tier name, not 1");
    }

    @Test
    void aHugeFileTooManyProbesAndInvalidUtf8AreRefused() throws IOException {
        Path file = dir.resolve(ProjectConfig.FILE_NAME);
        Files.writeString(file, "{\"x\": \"" + "a".repeat((int) ProjectConfig.MAX_BYTES) + "\"}");
        assertThatThrownBy(() -> ProjectConfig.load(dir)).hasMessageContaining("too large");
        Files.writeString(file, "{\"probes\": [" + "\"true\",".repeat(ProjectConfig.MAX_PROBES) + "\"true\"]}");
        assertThatThrownBy(() -> ProjectConfig.load(dir))
                .hasMessage(file + ": 1001 probes; at most 1000 are allowed");
        Files.write(file, "{\"probes\": [\"\u00ff\"]}".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ProjectConfig.load(dir)).hasMessage(file + ": not valid UTF-8 (at byte 14)");
    }

    @Test
    void twoThousandMutatedConfigsGiveNoInternalErrorText() {
        Random random = new Random(20261203);
        String alphabet = "{}[]\":,0123456789.-etruefalsnl \\\u00e9\u0000";
        int errors = 0;
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder(GOOD);
            for (int m = 1 + random.nextInt(4); m > 0 && s.length() > 0; m--) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> s.setLength(at);
                }
            }
            try {
                ProjectConfig.parse(s.toString(), "m.json");
            } catch (IOException e) {
                errors++;
                assertThat(e.getMessage()).as(s.toString()).startsWith("m.json")
                        .doesNotContain("Exception").doesNotContain("Cannot invoke").doesNotContain("java.")
                        .doesNotContain("\n");
            } catch (RuntimeException e) {
                throw new AssertionError("internal error for " + s + ": " + e, e);
            }
        }
        assertThat(errors).as("most mutations break the file").isGreaterThan(1000);
    }
}
