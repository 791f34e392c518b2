package dev.baseshift.e2e;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.baseshift.e2e.DockerCli.labelled;
import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C on the real command line, in its own JVM: the run is cancelled and the engine left clean. */
@Tag("engine")
class InterruptTest {
    @TempDir
    Path tmp;

    @Test
    void ctrlCCancelsTheRunAndLeavesNothingLabelledBehind() throws Exception {
        String slug = "interrupt-" + UUID.randomUUID().toString().substring(0, 8);
        Path project = TestProjects.copy("tiny-app", tmp, slug);
        Path df = project.resolve("Dockerfile");
        Files.writeString(df, Files.readString(df).replace("echo built >> /hello.txt", "sleep 60"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process cli = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.baseshift.Launcher",
                "compare", project.toString(), "--tiers", "alpine")
                .redirectErrorStream(true).start();
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines.stream().filter(l -> l.contains("building on")).count() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(3000); // inside the sleeping RUN step

        new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).start().waitFor();

        assertThat(cli.waitFor(40, TimeUnit.SECONDS)).as(String.join("\n", lines)).isTrue();
        assertThat(cli.exitValue()).as("the README's code for an interrupted run").isEqualTo(130);
        reader.join(5000);
        assertThat(lines).anyMatch(l -> l.contains("building on"));
        // the shutdown hook cancelled the run (not merely the JVM vanishing under the engine)
        assertThat(lines).as(String.join("\n", lines)).anyMatch(l -> l.matches("(full|alpine): cancelled.*"));
        assertThat(labelled("dev.baseshift.project=" + slug)).as(String.join("\n", lines)).isEmpty();
    }
}
