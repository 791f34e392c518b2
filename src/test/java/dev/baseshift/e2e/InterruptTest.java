package dev.baseshift.e2e;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

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
        CliProcess cli = CliProcess.start(java.util.Map.of(), "compare", project.toString(), "--tiers", "alpine");
        List<String> lines = cli.lines;
        cli.awaitLine(l -> lines.stream().filter(x -> x.contains("building on")).count() >= 2, 60);
        Thread.sleep(3000); // inside the sleeping RUN step

        new ProcessBuilder("kill", "-INT", Long.toString(cli.process.pid())).start().waitFor();

        assertThat(cli.awaitExit(40)).as(String.join("\n", lines)).isTrue();
        assertThat(cli.process.exitValue()).as("the README's code for an interrupted run").isEqualTo(130);
        assertThat(lines).anyMatch(l -> l.contains("building on"));
        // the shutdown hook cancelled the run (not merely the JVM vanishing under the engine)
        assertThat(lines).as(String.join("\n", lines)).anyMatch(l -> l.matches("(full|alpine): cancelled.*"));
        // nothing was built, so nothing is kept; no container outlives the run
        assertThat(labelled("dev.baseshift.project=" + dev.baseshift.plan.Plan.projectKey(project)))
                .as(String.join("\n", lines)).isEmpty();
    }
}
