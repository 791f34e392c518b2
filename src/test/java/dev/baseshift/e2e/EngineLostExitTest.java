package dev.baseshift.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

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
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "dev.baseshift.Launcher", "compare", project.toString(), "--tiers", "alpine", "--json",
                    json.toString()).redirectErrorStream(true);
            pb.environment().put("DOCKER_HOST", daemon.host());
            Process cli = pb.start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(cli.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) lines.add(l);
                } catch (java.io.IOException e) {
                    // the process is gone
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && lines.stream().noneMatch(l -> l.startsWith("full: built —"))) {
                Thread.sleep(100);
            }
            assertThat(lines).as(String.join("\n", lines)).anyMatch(l -> l.startsWith("full: built —"));
            Thread.sleep(1500); // alpine is in its sleeping RUN

            daemon.kill();

            assertThat(cli.waitFor(90, TimeUnit.SECONDS)).as(String.join("\n", lines)).isTrue();
            reader.join(5000);
            String all = String.join("\n", lines);
            assertThat(cli.exitValue()).as(all).isEqualTo(4);
            assertThat(all).contains("baseshift compare: the container engine stopped answering during the run; "
                    + "alpine did not finish (the other variants' results are kept and written)");
            JsonNode r = new ObjectMapper().readTree(json.toFile());
            assertThat(r.path("variants").get(0).path("status").asText()).isEqualTo("built");
            assertThat(r.path("variants").get(1).path("error").asText())
                    .startsWith("the container engine stopped answering during the build");
        }
    }
}
