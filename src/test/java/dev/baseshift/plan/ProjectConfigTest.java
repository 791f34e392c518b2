package dev.baseshift.plan;

import dev.baseshift.catalog.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsProbesBasesTiersAndSettings() throws IOException {
        ProjectConfig c = ProjectConfig.parse("""
                {"probes": ["python -c 'import numpy'", {"name": "ssl", "command": "python -c \\"import ssl\\"", "enabled": false}],
                 "bases": {"slim": "corp/python:slim"}, "tiers": ["slim", "DISTROLESS"], "parallel": 3,
                 "probeTimeoutSeconds": 10}""", ".baseshift.json");
        assertThat(c.probes()).containsExactly(
                new Probe("python -c 'import numpy'", List.of("python", "-c", "import numpy"), "project", true),
                new Probe("ssl", List.of("python", "-c", "import ssl"), "project", false));
        assertThat(c.bases()).containsEntry(Tier.SLIM, "corp/python:slim");
        assertThat(c.tiers()).containsExactly(Tier.SLIM, Tier.DISTROLESS);
        assertThat(c.parallel()).isEqualTo(3);
        assertThat(c.probeTimeoutSeconds()).isEqualTo(10);
    }

    @Test
    void anAbsentFileIsAnEmptyConfig() throws IOException {
        ProjectConfig c = ProjectConfig.load(dir);
        assertThat(c.probes()).isEmpty();
        assertThat(c.tiers()).isNull();
    }

    @Test
    void badFilesGetSpecificErrors() {
        assertThatThrownBy(() -> ProjectConfig.parse("{\n\"probes\": [1,]}", "p/.baseshift.json"))
                .hasMessageStartingWith("p/.baseshift.json:2:14: not valid JSON");
        assertThatThrownBy(() -> ProjectConfig.parse("{\"bases\": {\"tiny\": \"x\"}}", "f"))
                .hasMessageContaining("bases.tiny").hasMessageContaining("unknown tier 'tiny'");
        assertThatThrownBy(() -> ProjectConfig.parse("{\"probes\": [\"python -c 'oops\"]}", "f"))
                .hasMessageContaining("probe 1").hasMessageContaining("unterminated single quote");
        assertThatThrownBy(() -> ProjectConfig.parse("{\"parallel\": 0}", "f"))
                .hasMessageContaining("\"parallel\" must be a whole number of at least 1");
    }

    @Test
    void saveKeepsWhatBaseShiftDoesNotKnowAndRoundTrips() throws IOException {
        Files.writeString(dir.resolve(".baseshift.json"), "{\"team\": \"payments\", \"probes\": [\"true\"]}");
        ProjectConfig c = ProjectConfig.load(dir);
        c.withProbes(List.of(new Probe("numpy", List.of("python", "-c", "import numpy"), "user", true),
                new Probe("off", List.of("sh", "-c", "echo 'hi there'"), "user", false))).save(dir);

        String saved = Files.readString(dir.resolve(".baseshift.json"));
        assertThat(saved).contains("\"team\" : \"payments\"");
        ProjectConfig again = ProjectConfig.load(dir);
        assertThat(again.probes()).extracting(Probe::argv).containsExactly(
                List.of("python", "-c", "import numpy"), List.of("sh", "-c", "echo 'hi there'"));
        assertThat(again.probes().get(1).enabled()).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(".baseshift.json");
        }
    }

    @Test
    void saveKeepsTheFilesModeAndANewFileIsReadableByOthers() throws IOException {
        ProjectConfig.empty().withProbes(List.of(new Probe("t", List.of("true"), "user", true))).save(dir);
        Path file = dir.resolve(".baseshift.json");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r--r--");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
        ProjectConfig.load(dir).save(dir);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-rw-r--");
    }
}
