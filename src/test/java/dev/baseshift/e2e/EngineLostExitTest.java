package dev.baseshift.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine dies under a real {@code baseshift compare} in its own JVM (a private second dockerd, so the shared one
 * survives): the run did not complete, so it exits 4 and names what was lost; the finished variant's report stays.
 */
@Tag("engine")
class EngineLostExitTest {
    @TempDir
    Path tmp;

    @Test
    void aComparisonTheEngineDiesUnderExitsFourNamingTheLostVariants() throws Exception {
        try (SecondDaemon daemon = SecondDaemon.start()) {
            daemon.load("bsfixture/tiny:full", "bsfixture/tiny:musl");
            Path project = TestProjects.copy("tiny-app", tmp, "lost-engine");
            // full builds at once; alpine (musl, no filler folder) sleeps in its RUN until the engine is gone
            Path df = project.resolve("Dockerfile");
            Files.writeString(df, Files.readString(df).replace("echo built >> /hello.txt",
                    "if [ ! -d /usr/share/filler ]; then sleep 120; fi; echo built >> /hello.txt"));
            Path json = tmp.resolve("lost.json");
            CliProcess cli = CliProcess.start(java.util.Map.of("DOCKER_HOST", daemon.host()), "compare",
                    project.toString(), "--tiers", "alpine", "--json", json.toString());
            assertThat(cli.awaitLine(l -> l.startsWith("full: built —"), 90)).as(cli.output()).isTrue();
            Thread.sleep(1500); // alpine is in its sleeping RUN

            daemon.kill();

            assertThat(cli.awaitExit(90)).as(cli.output()).isTrue();
            String all = cli.output();
            assertThat(cli.process.exitValue()).as(all).isEqualTo(4);
            assertThat(all).contains("baseshift compare: the container engine stopped answering during the run; "
                    + "alpine did not finish (the other variants' results are kept and written)");
            JsonNode r = new ObjectMapper().readTree(json.toFile());
            assertThat(r.path("variants").get(0).path("status").asText()).isEqualTo("built");
            assertThat(r.path("variants").get(1).path("error").asText())
                    .startsWith("the container engine stopped answering during the build");
        }
    }
}
