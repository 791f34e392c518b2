package dev.baseshift.engine;

import dev.baseshift.engine.ContainerEngine.RunOutcome;
import dev.baseshift.engine.ContainerEngine.RunRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** What a hostile probe can cost: processes, engine-side log, and the work of reading a flood of output. */
@Tag("engine")
class ProbeLimitsTest {
    static final String SESSION_LABEL = "dev.baseshift.session";
    static final String SESSION = "probelimits-" + UUID.randomUUID();
    static final Map<String, String> LABELS = Map.of(SESSION_LABEL, SESSION, "dev.baseshift.project", "probelimits");

    static DockerEngine engine;

    @BeforeAll
    static void connect() throws Exception {
        engine = EngineLocator.fromSystem().locate();
    }

    @AfterAll
    static void sweep() throws Exception {
        engine.removeLabelled(SESSION_LABEL, SESSION);
        assertThat(engine.listLabelled(SESSION_LABEL, SESSION)).isEmpty();
        engine.close();
    }

    static RunRequest probe(List<String> argv, Duration timeout) {
        return new RunRequest("bsfixture/tiny:full", argv, timeout, Duration.ZERO, true, 64L << 20, LABELS,
                new AtomicBoolean());
    }

    @Test
    void aProbeCannotForkMoreThanThePidsLimit() throws Exception {
        // cgroup v2 exposes the limit as pids.max in the container's own cgroup; v1 under pids/
        RunOutcome outcome = engine.run(probe(List.of("sh", "-c",
                "cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max"), Duration.ofSeconds(20)));
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output().strip()).isEqualTo(String.valueOf(DockerEngine.PROBE_PIDS_LIMIT));
    }

    @Test
    void aProbeWritesNoUnboundedEngineSideLog() throws Exception {
        CompletableFuture<RunOutcome> running = CompletableFuture.supplyAsync(() -> {
            try {
                return engine.run(probe(List.of("sh", "-c", "echo started; sleep 30"), Duration.ofSeconds(8)));
            } catch (EngineException e) {
                throw new RuntimeException(e);
            }
        });
        String id = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        while (id.isEmpty() && System.nanoTime() < deadline) {
            id = Cli.run("docker", "ps", "-q", "--filter", "label=" + SESSION_LABEL + "=" + SESSION);
            Thread.sleep(100);
        }
        assertThat(id).as("the probe container").isNotEmpty();
        String logConfig = Cli.run("docker", "inspect", "--format",
                "{{.HostConfig.LogConfig.Type}} {{index .HostConfig.LogConfig.Config \"max-size\"}}", id.lines().findFirst().orElseThrow());
        assertThat(logConfig).satisfiesAnyOf(
                c -> assertThat(c).startsWith("none"),
                c -> assertThat(c).matches("json-file \\d+[km]"));
        RunOutcome outcome = running.get(30, TimeUnit.SECONDS);
        assertThat(outcome.output()).contains("started");
    }

    @Test
    void aFloodingProbeCostsItsTimeoutAndKeepsTheTail() throws Exception {
        long start = System.nanoTime();
        RunOutcome outcome = engine.run(probe(List.of("yes"), Duration.ofSeconds(4)));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.output().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(DockerEngine.OUTPUT_TAIL_BYTES + 64);
        assertThat(outcome.output()).contains("y\ny\n").contains("timed out after 4 s");
        System.out.printf("flooding probe: %.2f s for a 4 s timeout%n", seconds);
        assertThat(seconds).isLessThan(5.5);
    }
}
