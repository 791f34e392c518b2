package dev.baseshift.engine;

import dev.baseshift.engine.ContainerEngine.BuildOutcome;
import dev.baseshift.engine.ContainerEngine.BuildRequest;
import dev.baseshift.engine.ContainerEngine.RunOutcome;
import dev.baseshift.engine.ContainerEngine.RunRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Builds, measures and runs on the real engine; everything made carries this run's session label. */
@Tag("engine")
class DockerEngineTest {

    static final String SESSION_LABEL = "dev.baseshift.session";
    static final String SESSION = "enginetest-" + UUID.randomUUID();
    static final Map<String, String> LABELS = Map.of(SESSION_LABEL, SESSION, "dev.baseshift.project", "enginetest");

    static DockerEngine engine;

    @TempDir
    Path project;

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

    static String tag(String name) {
        return "bsengine-test/" + name + ":" + SESSION.substring(SESSION.length() - 8);
    }

    BuildRequest request(BuildContext context, String dockerfile, String tag, Map<String, String> args, String target,
                         boolean buildKit, AtomicBoolean cancel) {
        return new BuildRequest(context, "Dockerfile.test", dockerfile, tag, args, target, LABELS, buildKit, cancel);
    }

    static RunRequest probe(String image, List<String> argv, Duration timeout) {
        return new RunRequest(image, argv, timeout, Duration.ZERO, true, 64L << 20, LABELS, new AtomicBoolean());
    }

    @Test
    void reportsWhichEngineAnswered() {
        EngineInfo info = engine.info();
        assertThat(info.name()).isEqualTo("Docker Engine");
        assertThat(info.apiVersion()).isEqualTo(Cli.run("docker", "version", "--format", "{{.Server.APIVersion}}"));
        assertThat(info.version()).isEqualTo(Cli.run("docker", "version", "--format", "{{.Server.Version}}"));
        assertThat(info.buildKitCli()).isTrue();
    }

    @Test
    void buildsWithLabelsTagBuildArgsAndTarget() throws Exception {
        Files.writeString(project.resolve("app.txt"), "hello from the project\n");
        String dockerfile = """
                FROM bsfixture/tiny:full AS base
                ARG GREETING=unset
                COPY app.txt /app.txt
                RUN echo "$GREETING" > /greeting
                FROM base AS extra
                RUN echo never > /extra
                """;
        String tag = tag("args");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (BuildContext context = BuildContext.of(project)) {
            BuildOutcome outcome = engine.build(
                    request(context, dockerfile, tag, Map.of("GREETING", "bonjour"), "base", false, null), log::add);
            assertThat(outcome.viaBuildKit()).isFalse();
            assertThat(outcome.imageId()).isEqualTo(Cli.run("docker", "image", "inspect", "-f", "{{.Id}}", tag));
        }
        assertThat(log).anyMatch(l -> l.startsWith("Step 1/"));
        assertThat(Cli.run("docker", "image", "inspect", "-f",
                "{{index .Config.Labels \"dev.baseshift.session\"}}", tag)).isEqualTo(SESSION);
        RunOutcome greeting = engine.run(probe(tag, List.of("cat", "/greeting", "/app.txt"), Duration.ofSeconds(20)));
        assertThat(greeting.exitCode()).isZero();
        assertThat(greeting.output()).isEqualTo("bonjour\nhello from the project\n");
        // target "base": the later stage's file is not there
        assertThat(engine.run(probe(tag, List.of("test", "-e", "/extra"), Duration.ofSeconds(20))).exitCode())
                .isEqualTo(1);
    }

    @Test
    void aFailingRunNamesTheStepAndTheBuildersMessage() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (BuildContext context = BuildContext.of(project)) {
            String dockerfile = "FROM bsfixture/tiny:full\nRUN echo ok-" + UUID.randomUUID() + "\nRUN exit 3\n";
            assertThatThrownBy(() -> engine.build(request(context, dockerfile, tag("fails"), Map.of(), null, false,
                    null), log::add))
                    .isInstanceOf(EngineException.class)
                    .hasMessageMatching("Step 3/\\d+ : RUN exit 3: The command .* returned a non-zero code: 3");
        }
        // the committed "echo ok" step does not stay behind as an untagged image
        String committed = log.stream().filter(l -> l.matches(" ---> [0-9a-f]{12}")).reduce((a, b) -> b)
                .orElseThrow().substring(6);
        assertThat(engine.hasImage(committed)).isFalse();
        assertThat(engine.hasImage("bsfixture/tiny:full")).isTrue();
        assertThat(Cli.run("docker", "ps", "-a", "-q", "--filter", "label=" + SESSION_LABEL + "=" + SESSION))
                .isEmpty();
    }

    @Test
    void cancelStopsABuildMidway() throws Exception {
        AtomicBoolean cancel = new AtomicBoolean();
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>(); // read while the build appends
        try (BuildContext context = BuildContext.of(project)) {
            String dockerfile = "FROM bsfixture/tiny:full\nRUN echo started && sleep 60\n";
            // its own thread: the common pool has one thread on a 2-core machine, and an earlier test may hold it
            CompletableFuture<Void> canceller = new CompletableFuture<>();
            Thread cancelling = new Thread(() -> {
                long until = System.currentTimeMillis() + 20_000;
                while (log.stream().noneMatch(l -> l.contains("started")) && System.currentTimeMillis() < until) {
                    Thread.onSpinWait();
                }
                cancel.set(true);
                canceller.complete(null);
            }, "test-canceller");
            cancelling.setDaemon(true);
            cancelling.start();
            long start = System.nanoTime();
            assertThatThrownBy(() -> engine.build(request(context, dockerfile, tag("cancel"), Map.of(), null, false,
                    cancel), log::add)).isInstanceOf(EngineException.class).hasMessageContaining("cancelled");
            canceller.get(30, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        }
        assertThat(engine.hasImage(tag("cancel"))).isFalse();
        // the engine removes the builder's container once it notices the dropped connection
        long until = System.currentTimeMillis() + 20_000;
        while (Cli.run("docker", "ps", "-a", "--no-trunc", "--format", "{{.Command}}").contains("echo started")
                && System.currentTimeMillis() < until) {
            Thread.sleep(200);
        }
        assertThat(Cli.run("docker", "ps", "-a", "--no-trunc", "--format", "{{.Command}}"))
                .doesNotContain("echo started && sleep 60");
    }

    @Test
    void aCancelledBuildLeavesNoneOfItsStepsBehind() throws Exception {
        // many quick steps: the builder commits some while the cancel travels, after the log stopped being read
        String marker = "cancelled-steps-" + UUID.randomUUID();
        StringBuilder dockerfile = new StringBuilder("FROM bsfixture/tiny:full\n");
        for (int i = 1; i <= 80; i++) {
            dockerfile.append("RUN echo ").append(marker).append('-').append(i).append(" > /s").append(i).append('\n');
        }
        AtomicBoolean cancel = new AtomicBoolean();
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread cancelling = new Thread(() -> {
            long until = System.currentTimeMillis() + 30_000;
            while (log.stream().noneMatch(l -> l.startsWith("Step 6/")) && System.currentTimeMillis() < until) {
                Thread.onSpinWait();
            }
            cancel.set(true);
        }, "test-canceller");
        cancelling.setDaemon(true);
        cancelling.start();
        try (BuildContext context = BuildContext.of(project)) {
            assertThatThrownBy(() -> engine.build(request(context, dockerfile.toString(), tag("cancel-steps"),
                    Map.of(), null, false, cancel), log::add)).hasMessageContaining("cancelled");
        }
        // whatever the engine still committed after the cancel is gone too, not only what the log had shown
        Thread.sleep(3_000);
        assertThat(imagesFromStepsContaining(marker)).isEmpty();
    }

    /** Every image (tagged or not) whose creating step's command contains the text. */
    static List<String> imagesFromStepsContaining(String text) {
        List<String> found = new ArrayList<>();
        for (String id : Cli.run("docker", "images", "-a", "-q", "--no-trunc").lines().distinct().toList()) {
            // the newest history row is the step that made the image (inspect's ContainerConfig is gone in API 1.44)
            String command = Cli.run("docker", "history", "--no-trunc", "--format", "{{.CreatedBy}}", id)
                    .lines().findFirst().orElse("");
            if (command.contains(text)) {
                found.add(id);
            }
        }
        return found;
    }

    @Test
    void buildKitPathBuildsWhatTheClassicBuilderCannot() throws Exception {
        String dockerfile = """
                FROM bsfixture/tiny:full
                RUN --mount=type=cache,target=/cache echo cached > /cache/x && cp /cache/x /from-cache
                """;
        String tag = tag("buildkit");
        try (BuildContext context = BuildContext.of(project)) {
            assertThatThrownBy(() -> engine.build(request(context, dockerfile, tag, Map.of(), null, false, null),
                    l -> { })).isInstanceOf(EngineException.class);
            BuildOutcome outcome = engine.build(request(context, dockerfile, tag, Map.of(), null, true, null),
                    l -> { });
            assertThat(outcome.viaBuildKit()).isTrue();
            assertThat(outcome.imageId()).isEqualTo(Cli.run("docker", "image", "inspect", "-f", "{{.Id}}", tag));
        }
        assertThat(Cli.run("docker", "image", "inspect", "-f",
                "{{index .Config.Labels \"dev.baseshift.session\"}}", tag)).isEqualTo(SESSION);
        ImageDetails details = engine.inspect(tag);
        assertThat(details.sizeBytes()).isEqualTo(Long.parseLong(Cli.run("docker", "image", "inspect", "-f",
                "{{.Size}}", tag)));
        assertThat(engine.run(probe(tag, List.of("cat", "/from-cache"), Duration.ofSeconds(20))).output())
                .isEqualTo("cached\n");
    }

    @Test
    void withoutABuildKitCliTheVariantSaysSoClearly() throws Exception {
        // Docker's newer CLI without the buildx plugin cannot build with BuildKit; the probe must notice
        Map<String, String> env = Map.of("BASESHIFT_DOCKER_CLI", "/usr/local/bin/docker");
        try (DockerEngine withoutBuildKit = new EngineLocator(env, project).locate();
             BuildContext context = BuildContext.of(project)) {
            assertThat(withoutBuildKit.info().buildKitCli()).isFalse();
            assertThatThrownBy(() -> withoutBuildKit.build(request(context,
                    "FROM bsfixture/tiny:full\nRUN --mount=type=cache,target=/c true\n", tag("nobk"), Map.of(), null,
                    true, null), l -> { }))
                    .isInstanceOf(EngineException.class)
                    .hasMessageStartingWith("this Dockerfile needs BuildKit")
                    .hasMessageContaining("no docker CLI with BuildKit was found");
        }
        assertThat(engine.hasImage(tag("nobk"))).isFalse();
    }

    @Test
    void buildKitErrorsCarryTheFailingStep() throws Exception {
        try (BuildContext context = BuildContext.of(project)) {
            String dockerfile = "FROM bsfixture/tiny:full\nRUN --mount=type=cache,target=/c exit 7\n";
            assertThatThrownBy(() -> engine.build(request(context, dockerfile, tag("bkfail"), Map.of(), null, true,
                    null), l -> { })).isInstanceOf(EngineException.class).hasMessageContaining("exit 7");
        }
    }

    @Test
    void inspectMatchesTheDockerCli() throws Exception {
        Files.write(project.resolve("blob"), new byte[300_000]);
        String tag = tag("inspect");
        // a low threshold, so the blob's content is streamed from the project rather than copied
        try (BuildContext context = BuildContext.of(project, 100_000)) {
            engine.build(request(context, "FROM bsfixture/tiny:musl\nCOPY blob /blob\nRUN echo x > /x\n", tag,
                    Map.of(), null, false, null), l -> { });
        }
        ImageDetails details = engine.inspect(tag);
        assertThat(details.sizeBytes())
                .isEqualTo(Long.parseLong(Cli.run("docker", "image", "inspect", "-f", "{{.Size}}", tag)));
        assertThat(details.id()).isEqualTo(Cli.run("docker", "image", "inspect", "-f", "{{.Id}}", tag));
        // docker history lists newest first; ours is oldest first
        List<String> cli = new ArrayList<>(Cli.run("docker", "history", "--no-trunc", "--human=false",
                "--format", "{{.ID}} {{.Size}}", tag).lines().toList());
        Collections.reverse(cli);
        assertThat(details.layers()).extracting(l -> l.id() + " " + l.sizeBytes()).containsExactlyElementsOf(cli);
        assertThat(details.layers()).anyMatch(l -> l.createdBy().contains("echo x > /x"));
        assertThat(details.layers().get(0).id())
                .isEqualTo(Cli.run("docker", "image", "inspect", "-f", "{{.Id}}", "bsfixture/tiny:musl"));
        assertThat(details.layers()).anyMatch(l -> l.sizeBytes() == 300_000);
    }

    @Test
    void hasImageAndRemoveImage() throws Exception {
        assertThat(engine.hasImage("bsfixture/tiny:full")).isTrue();
        assertThat(engine.hasImage("bsfixture/tiny:does-not-exist")).isFalse();
        engine.removeImage("bsfixture/tiny:does-not-exist"); // missing is not an error
    }

    @Test
    void runReportsExitCodesAndOutput() throws Exception {
        RunOutcome ok = engine.run(probe("bsfixture/tiny:full", List.of("sh", "-c", "echo out; echo err >&2"),
                Duration.ofSeconds(20)));
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.output()).contains("out").contains("err");
        RunOutcome failed = engine.run(probe("bsfixture/tiny:full", List.of("sh", "-c", "exit 42"),
                Duration.ofSeconds(20)));
        assertThat(failed.exitCode()).isEqualTo(42);
        assertThat(failed.notFound()).isFalse();
        assertThat(failed.timedOut()).isFalse();
        assertNoProbeContainers();
    }

    @Test
    void aDistrolessImageRunsPythonInExecForm() throws Exception {
        RunOutcome numpy = engine.run(probe("bsfixture/py:distroless",
                List.of("python3", "-c", "import numpy; print('numpy', numpy.__version__)"), Duration.ofSeconds(30)));
        assertThat(numpy.exitCode()).isZero();
        assertThat(numpy.output()).startsWith("numpy ");
    }

    @Test
    void aMissingExecutableIsNotFoundNotACrash() throws Exception {
        RunOutcome noShell = engine.run(probe("bsfixture/tiny:noshell", List.of("sh", "-c", "true"),
                Duration.ofSeconds(20)));
        assertThat(noShell.notFound()).isTrue();
        assertThat(noShell.exitCode()).isNull();
        assertThat(noShell.output()).contains("executable not found in the image: sh");
        assertNoProbeContainers();
    }

    @Test
    void aProbeThatNeverEndsIsKilledAfterItsTimeoutAndRemoved() throws Exception {
        long start = System.nanoTime();
        RunOutcome outcome = engine.run(probe("bsfixture/tiny:full", List.of("sh", "-c", "echo waiting; sleep 600"),
                Duration.ofSeconds(2)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.exitCode()).isNull();
        assertThat(outcome.output()).contains("waiting").contains("timed out after 2 s");
        assertNoProbeContainers();
    }

    @Test
    void aServerStillRunningAfterKeepAliveCountsAsRunning() throws Exception {
        String tag = tag("server");
        try (BuildContext context = BuildContext.of(project)) {
            engine.build(request(context, "FROM bsfixture/tiny:full\nCMD [\"sh\", \"-c\", \"sleep 600\"]\n", tag,
                    Map.of(), null, false, null), l -> { });
        }
        RunOutcome outcome = engine.run(new RunRequest(tag, List.of(), Duration.ofSeconds(20), Duration.ofSeconds(1),
                true, 64L << 20, LABELS, new AtomicBoolean()));
        assertThat(outcome.stillRunning()).isTrue();
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.seconds()).isLessThan(5);
        assertNoProbeContainers();
    }

    @Test
    void probesRunWithoutNetwork() throws Exception {
        RunOutcome outcome = engine.run(probe("bsfixture/tiny:full", List.of("cat", "/proc/net/dev"),
                Duration.ofSeconds(20)));
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output()).contains("lo:").doesNotContain("eth0");
    }

    @Test
    void cancelKillsARunningProbe() throws Exception {
        AtomicBoolean cancel = new AtomicBoolean();
        CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS).execute(() -> cancel.set(true));
        assertThatThrownBy(() -> engine.run(new RunRequest("bsfixture/tiny:full", List.of("sleep", "600"),
                Duration.ofSeconds(60), Duration.ZERO, true, 0, LABELS, cancel)))
                .isInstanceOf(EngineException.class).hasMessageContaining("cancelled");
        assertNoProbeContainers();
    }

    @Test
    void removeLabelledLeavesNothing() throws Exception {
        String own = "enginetest-sweep-" + UUID.randomUUID();
        Map<String, String> labels = Map.of(SESSION_LABEL, own);
        try (BuildContext context = BuildContext.of(project)) {
            engine.build(new BuildRequest(context, "Dockerfile", "FROM bsfixture/tiny:full\nRUN echo a > /a\n",
                    tag("sweep"), Map.of(), null, labels, false, null), l -> { });
        }
        // a stopped container left behind, as by a crashed session
        Cli.run("docker", "create", "--label", SESSION_LABEL + "=" + own, "bsfixture/tiny:full", "true");
        assertThat(engine.listLabelled(SESSION_LABEL, own)).hasSize(2)
                .anyMatch(s -> s.startsWith("container ")).anyMatch(s -> s.startsWith("image "));
        assertThat(engine.removeLabelled(SESSION_LABEL, own)).isEqualTo(2);
        assertThat(engine.listLabelled(SESSION_LABEL, own)).isEmpty();
        assertThat(Cli.run("docker", "images", "-q", "--filter", "label=" + SESSION_LABEL + "=" + own)).isEmpty();
        assertThat(engine.hasImage("bsfixture/tiny:full")).isTrue();
    }

    static void assertNoProbeContainers() {
        assertThat(Cli.run("docker", "ps", "-a", "-q", "--filter", "label=" + SESSION_LABEL + "=" + SESSION))
                .isEmpty();
    }
}
