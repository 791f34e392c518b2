package dev.baseshift.compare;

import dev.baseshift.catalog.Tier;
import dev.baseshift.e2e.TestProjects;
import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.engine.EngineLocator;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.Probe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.baseshift.e2e.DockerCli.docker;
import static dev.baseshift.e2e.DockerCli.labelled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The comparison service on the real engine and the fixture families (never a mock of Docker). */
@Tag("engine")
class ComparisonServiceEngineTest {
    static ContainerEngine engine;

    @TempDir
    Path tmp;

    @BeforeAll
    static void connect() throws Exception {
        engine = EngineLocator.fromSystem().locate();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    ComparisonService service() {
        return new ComparisonService(engine, java.util.concurrent.Executors.newCachedThreadPool(),
                new Sessions(tmp.resolve("sessions")));
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static VariantResult variant(ComparisonResult r, Tier tier) {
        return r.variants().stream().filter(v -> v.variant().tier() == tier).findFirst().orElseThrow();
    }

    @Test
    void tinyFamilyGivesTheDockerCliNumbersAndKeepsImagesWhenAsked() throws Exception {
        Path project = TestProjects.copy("tiny-app", tmp, unique("tiny"));
        Plan plan = HandPlan.of(project, HandPlan.tiny(), List.of(HandPlan.probe("hello", "cat", "/hello.txt"),
                new Probe("app", List.of(), "default", true)));
        CompareOptions keep = new CompareOptions(plan.probes(), 2, null, Duration.ofSeconds(30), Duration.ofSeconds(2),
                true);
        List<ComparisonEvent> events = new CopyOnWriteArrayList<>();

        ComparisonResult r = service().start(plan, keep, events::add).await();
        try {
            VariantResult full = variant(r, Tier.FULL);
            VariantResult alpine = variant(r, Tier.ALPINE);
            assertThat(full.status()).isEqualTo(VariantStatus.BUILT);
            assertThat(alpine.status()).isEqualTo(VariantStatus.BUILT);
            for (VariantResult v : List.of(full, alpine)) {
                String tag = plan.imageRepository() + ":" + v.variant().tier().id();
                assertThat(v.tag()).isEqualTo(tag);
                assertThat(v.sizeBytes()).isEqualTo(Long.parseLong(docker("image", "inspect", "-f", "{{.Size}}", tag)));
                assertThat(Sizes.format(v.sizeBytes())).isEqualTo(docker("images", "--format", "{{.Size}}", tag));
                assertThat(v.layers()).extracting(l -> (l.sizeBytes() + "\t" + l.createdBy()).strip())
                        .containsExactlyElementsOf(dev.baseshift.e2e.DockerCli.history(tag));
                // the fixture bases are one imported layer: exactly the first row is the base's
                assertThat(v.layers().get(0).fromBase()).isTrue();
                assertThat(v.layers().subList(1, v.layers().size())).extracting(LayerMeasure::fromBase)
                        .isNotEmpty().containsOnly(false);
                assertThat(v.baseSizeBytes()).isEqualTo(dev.baseshift.e2e.DockerCli.size(v.variant().base()));
                assertThat(v.baseSizeBytes() + v.appSizeBytes()).isEqualTo(v.sizeBytes());
                assertThat(v.probes()).extracting(ProbeResult::outcome)
                        .containsExactly(ProbeOutcome.PASS, ProbeOutcome.PASS);
                assertThat(v.probes().get(0).output()).contains("hello from tiny-app").contains("built");
                assertThat(docker("image", "inspect", "-f", "{{index .Config.Labels \"dev.baseshift.project\"}}", tag))
                        .isEqualTo(plan.projectKey());
                // nothing per run in an image: the builder's cache serves every step of the next comparison
                assertThat(docker("image", "inspect", "-f", "{{json .Config.Labels}}", tag))
                        .doesNotContain("dev.baseshift.session");
                assertThat(docker("image", "inspect", "-f", "{{index .Config.Labels \"dev.baseshift.inputs\"}}", tag))
                        .matches("[0-9a-f]{64}");
                assertThat(v.cached()).isFalse();
            }
            for (Tier failed : List.of(Tier.DISTROLESS, Tier.SCRATCH)) {
                VariantResult v = variant(r, failed);
                assertThat(v.status()).isEqualTo(VariantStatus.BUILD_FAILED);
                assertThat(v.error()).contains("/bin/sh");
                assertThat(v.probes()).isEmpty();
            }
            assertThat(r.recommendation().tier()).isEqualTo(Tier.ALPINE);
            assertThat(r.recommendation().reason()).startsWith("alpine saves ").endsWith("vs full and passes 2/2 probes");
            assertThat(r.variants()).extracting(v -> v.variant().tier()).containsExactly(Tier.FULL, Tier.ALPINE,
                    Tier.DISTROLESS, Tier.SCRATCH);
            assertThat(r.engine().apiVersion()).isNotBlank();
            // events: each variant starts, logs, finishes; the comparison finishes last
            assertThat(events).filteredOn(e -> e instanceof ComparisonEvent.VariantFinished).hasSize(4);
            assertThat(events).filteredOn(e -> e instanceof ComparisonEvent.BuildLog).isNotEmpty();
            assertThat(events.get(events.size() - 1)).isInstanceOf(ComparisonEvent.ComparisonFinished.class);
            assertThat(docker("images", "-q", "--filter", "label=dev.baseshift.project=" + plan.projectKey()).lines())
                    .hasSize(2); // the two kept images
            assertThat(docker("ps", "-aq", "--filter", "label=dev.baseshift.project=" + plan.projectKey())).isEmpty();
        } finally {
            docker("image", "rm", "-f", plan.imageRepository() + ":full",
                    plan.imageRepository() + ":alpine");
        }
    }

    @Test
    void numpyFamilyProbesLikeAPersonWouldAndLeavesNothingBehind() throws Exception {
        Path project = TestProjects.copy("numpy-app", tmp, unique("numpy"));
        String before = TestProjects.hash(project);
        Plan plan = HandPlan.of(project, HandPlan.py(), List.of(
                HandPlan.probe("import numpy", "python3", "-c", "import numpy"),
                HandPlan.probe("app", "python3", "/app/app.py")));

        ComparisonResult r = service().start(plan, CompareOptions.defaults(plan.probes()).keepingImages(false), e -> {}).await();

        assertThat(r.variants()).extracting(VariantResult::status).containsExactly(VariantStatus.BUILT,
                VariantStatus.BUILT, VariantStatus.BUILT, VariantStatus.BUILD_FAILED);
        assertThat(variant(r, Tier.FULL).probes()).extracting(ProbeResult::outcome)
                .containsExactly(ProbeOutcome.PASS, ProbeOutcome.PASS);
        assertThat(variant(r, Tier.SLIM).probes()).extracting(ProbeResult::outcome)
                .containsExactly(ProbeOutcome.FAIL, ProbeOutcome.FAIL);
        assertThat(variant(r, Tier.SLIM).probes().get(0).output()).contains("No module named 'numpy'");
        assertThat(variant(r, Tier.SLIM).probes().get(0).exitCode()).isEqualTo(1);
        assertThat(variant(r, Tier.DISTROLESS).probes()).extracting(ProbeResult::outcome)
                .containsExactly(ProbeOutcome.PASS, ProbeOutcome.PASS);
        assertThat(variant(r, Tier.DISTROLESS).probes().get(1).output()).contains("sum: 45");
        assertThat(variant(r, Tier.SCRATCH).error()).contains("python3");
        assertThat(r.recommendation().tier()).isEqualTo(Tier.DISTROLESS);
        assertThat(variant(r, Tier.FULL).baseSizeBytes())
                .isEqualTo(dev.baseshift.e2e.DockerCli.size("bsfixture/py:full"));
        assertThat(labelled("dev.baseshift.project=" + plan.projectKey())).isEmpty();
        assertThat(docker("images", "-q", plan.imageRepository())).isEmpty();
        assertThat(TestProjects.hash(project)).isEqualTo(before);
    }

    @Test
    void aProbeThatNeverEndsIsAnErrorAfterItsTimeoutAndItsContainerIsGone() throws Exception {
        Path project = TestProjects.copy("tiny-app", tmp, unique("sleepy"));
        Plan plan = HandPlan.of(project, Map.of(Tier.FULL, "bsfixture/tiny:full"),
                List.of(HandPlan.probe("sleep", "sleep", "1000")));
        CompareOptions options = new CompareOptions(plan.probes(), 1, null, Duration.ofSeconds(2),
                Duration.ofSeconds(2), false);

        // Runnable::run: the executor seam runs the whole comparison on this thread
        ComparisonRun run = new ComparisonService(engine, Runnable::run, new Sessions(tmp.resolve("s")))
                .start(plan, options, e -> {});

        assertThat(run.isDone()).isTrue();
        ProbeResult p = run.await().variants().get(0).probes().get(0);
        assertThat(p.outcome()).isEqualTo(ProbeOutcome.ERROR);
        assertThat(p.output()).startsWith("timed out after 2 s");
        assertThat(p.seconds()).isBetween(1.5, 15.0);
        assertThat(labelled("dev.baseshift.project=" + plan.projectKey())).isEmpty();
    }

    /** The project's RUN made slow, so cancel and timeout land while builds run. */
    static Path slowProject(Path tmp, String name) throws Exception {
        Path project = TestProjects.copy("tiny-app", tmp, unique(name));
        Path df = project.resolve("Dockerfile");
        Files.writeString(df, Files.readString(df).replace("echo built >> /hello.txt", "sleep 60 && echo built"));
        return project;
    }

    @Test
    void cancelStopsBuildsAndRemovesEverythingTheRunMade() throws Exception {
        Path project = slowProject(tmp, "cancel");
        Plan plan = HandPlan.of(project, HandPlan.tiny(), List.of(HandPlan.probe("hello", "cat", "/hello.txt")));
        List<ComparisonEvent> events = new CopyOnWriteArrayList<>();
        ComparisonRun run = service().start(plan, CompareOptions.defaults(plan.probes()).keepingImages(false), events::add);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (events.stream().filter(e -> e instanceof ComparisonEvent.BuildLog).count() < 4
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);

        long start = System.nanoTime();
        run.cancel();
        ComparisonResult r = assertTimeoutPreemptively(Duration.ofSeconds(30), run::await);

        assertThat((System.nanoTime() - start) / 1e9).isLessThan(30);
        assertThat(r.variants()).extracting(VariantResult::status).containsOnly(VariantStatus.CANCELLED);
        assertThat(r.variants()).extracting(VariantResult::error).containsOnly("cancelled");
        assertThat(r.recommendation().present()).isFalse();
        assertThat(labelled("dev.baseshift.project=" + plan.projectKey())).isEmpty();
        assertThat(docker("ps", "-aq", "--filter", "ancestor=bsfixture/tiny:full", "--filter", "status=running"))
                .doesNotContain("sleep");
    }

    @Test
    void cancellingOneTierLeavesTheOthersAlone() throws Exception {
        Path project = TestProjects.copy("tiny-app", tmp, unique("one"));
        Plan plan = HandPlan.of(project, HandPlan.tiny(), List.of(HandPlan.probe("hello", "cat", "/hello.txt")));
        CompareOptions serial = new CompareOptions(plan.probes(), 1, null, Duration.ofSeconds(30),
                Duration.ofSeconds(2), false);
        ComparisonRun[] self = new ComparisonRun[1];
        ComparisonRun run = service().start(plan, serial, e -> {
            if (e instanceof ComparisonEvent.VariantStarted s && s.tier() == Tier.FULL) {
                while (self[0] == null) Thread.onSpinWait();
                self[0].cancel(Tier.ALPINE);
            }
        });
        self[0] = run;

        ComparisonResult r = run.await();

        assertThat(r.variants()).extracting(VariantResult::status).containsExactly(VariantStatus.BUILT,
                VariantStatus.CANCELLED, VariantStatus.BUILD_FAILED, VariantStatus.BUILD_FAILED);
        assertThat(r.recommendation().tier()).isEqualTo(Tier.FULL);
        assertThat(labelled("dev.baseshift.project=" + plan.projectKey())).isEmpty();
    }

    @Test
    void theOverallTimeoutCancelsWhatIsStillRunning() throws Exception {
        Path project = slowProject(tmp, "timeout");
        Map<Tier, String> bases = new java.util.LinkedHashMap<>();
        bases.put(Tier.FULL, "bsfixture/tiny:full");
        bases.put(Tier.ALPINE, "bsfixture/tiny:musl");
        Plan plan = HandPlan.of(project, bases, List.of());
        CompareOptions options = new CompareOptions(List.of(), 2, Duration.ofSeconds(3), Duration.ofSeconds(30),
                Duration.ofSeconds(2), false);

        ComparisonResult r = assertTimeoutPreemptively(Duration.ofSeconds(40),
                () -> service().start(plan, options, e -> {}).await());

        assertThat(r.variants()).extracting(VariantResult::status).containsOnly(VariantStatus.CANCELLED);
        assertThat(r.variants()).extracting(VariantResult::error).containsOnly("timed out after 3 s");
        assertThat(labelled("dev.baseshift.project=" + plan.projectKey())).isEmpty();
    }

    @Test
    void leftoversOfACrashedSessionAreSweptButThoseOfALiveOneStay() throws Exception {
        Sessions sessions = new Sessions(tmp.resolve("sessions"));
        String dead = UUID.randomUUID().toString();
        Files.createDirectories(sessions.dir());
        Files.writeString(sessions.dir().resolve(dead + ".lock"), ""); // its process is gone: nobody holds the lock
        try (Sessions.Session live = sessions.open()) {
            String deadContainer = docker("create", "--label", "dev.baseshift.session=" + dead,
                    "bsfixture/tiny:full", "true");
            String liveContainer = docker("create", "--label", "dev.baseshift.session=" + live.id(),
                    "bsfixture/tiny:full", "true");
            // the build context's temp file the dead session's crash left, and one of the live session
            Path tmpDir = Path.of(System.getProperty("java.io.tmpdir"));
            Path deadTar = Files.createTempFile(tmpDir, "baseshift-context-" + dead + "-", ".tar");
            Path liveTar = Files.createTempFile(tmpDir, "baseshift-context-" + live.id() + "-", ".tar");
            try {
                Path project = TestProjects.copy("tiny-app", tmp, unique("sweep"));
                Plan plan = HandPlan.of(project, Map.of(Tier.FULL, "bsfixture/tiny:full"), List.of());

                service().start(plan, CompareOptions.defaults(List.of()).keepingImages(false), e -> {}).await();

                assertThat(labelled("dev.baseshift.session=" + dead)).isEmpty();
                assertThat(labelled("dev.baseshift.session=" + live.id())).containsExactly(liveContainer.substring(0, 12));
                assertThat(sessions.dead()).isEmpty();
                assertThat(deadTar).doesNotExist();
                assertThat(liveTar).exists();
                assertThat(deadContainer).isNotBlank();
            } finally {
                Files.deleteIfExists(liveTar);
                docker("rm", "-f", liveContainer);
            }
        }
    }

    @Test
    void aKeptImageWhoseTagTheNextRunTakesIsRemovedNotLeftUntagged() throws Exception {
        Path project = TestProjects.copy("tiny-app", tmp, unique("rekept"));
        Plan plan = HandPlan.of(project, Map.of(Tier.FULL, "bsfixture/tiny:full"), List.of());
        CompareOptions keep = new CompareOptions(List.of(), 1, null, Duration.ofSeconds(30), Duration.ofSeconds(2), true);
        String tag = plan.imageRepository() + ":full";
        try {
            ComparisonResult first = service().start(plan, keep, e -> {}).await();
            String kept = first.variants().get(0).imageId();
            assertThat(docker("image", "inspect", "-f", "{{.Id}}", tag)).isEqualTo(kept);

            Files.writeString(project.resolve("hello.txt"), "changed\n");
            ComparisonResult second = service().start(plan, CompareOptions.defaults(List.of()).keepingImages(false), e -> {}).await();
            assertThat(second.variants().get(0).built()).isTrue();
            assertThat(second.variants().get(0).cached()).isFalse();
            assertThat(second.variants().get(0).imageId()).isNotEqualTo(kept);
            assertThat(docker("images", "-aq", "--no-trunc")).doesNotContain(kept);
            assertThat(labelled("dev.baseshift.project=" + plan.projectKey())).isEmpty();
        } finally {
            try {
                docker("image", "rm", "-f", tag);
            } catch (AssertionError alreadyGone) {
                // the second run removed it, as it should
            }
        }
    }

    @Test
    void aDockerignoreThatExcludesEverythingFailsTheBuildsWithTheBuildersMessage() throws Exception {
        Path project = TestProjects.copy("tiny-app", tmp, unique("ignored"));
        Files.writeString(project.resolve(".dockerignore"), "*\n");
        Plan plan = HandPlan.of(project, Map.of(Tier.FULL, "bsfixture/tiny:full"), List.of());

        ComparisonResult r = service().start(plan, CompareOptions.defaults(List.of()).keepingImages(false), e -> {}).await();

        VariantResult v = r.variants().get(0);
        assertThat(v.status()).isEqualTo(VariantStatus.BUILD_FAILED);
        assertThat(v.error()).contains("hello.txt");
        assertThat(r.recommendation().reason()).startsWith("no variant was built: full did not build (")
                .contains("hello.txt");
        assertThat(labelled("dev.baseshift.project=" + plan.projectKey())).isEmpty();
    }

    @Test
    void theLayersOfAMultiLayerBaseAreMarkedFromBaseAndAddUpToItsSize() throws Exception {
        String base = "bstest/base-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        Path baseDir = Files.createDirectories(tmp.resolve("base"));
        Files.writeString(baseDir.resolve("Dockerfile"), "FROM bsfixture/tiny:full\n"
                + "RUN [\"/bin/sh\", \"-c\", \"head -c 300000 /dev/urandom > /base-layer\"]\nENV BASE=1\n");
        docker("build", "-q", "-t", base, baseDir.toString());
        try {
            Path project = TestProjects.copy("tiny-app", tmp, unique("layers"));
            Map<Tier, String> bases = new java.util.LinkedHashMap<>();
            bases.put(Tier.FULL, "bsfixture/tiny:full");
            bases.put(Tier.SLIM, base);
            Plan plan = HandPlan.of(project, bases, List.of());

            ComparisonResult r = service().start(plan, CompareOptions.defaults(List.of()).keepingImages(false), e -> {}).await();

            VariantResult slim = variant(r, Tier.SLIM);
            int baseRows = dev.baseshift.e2e.DockerCli.history(base).size();
            assertThat(baseRows).isEqualTo(3);
            assertThat(slim.layers()).hasSizeGreaterThan(baseRows);
            assertThat(slim.layers().subList(0, baseRows)).extracting(LayerMeasure::fromBase).containsOnly(true);
            assertThat(slim.layers().subList(baseRows, slim.layers().size())).extracting(LayerMeasure::fromBase)
                    .containsOnly(false);
            assertThat(slim.baseSizeBytes()).isEqualTo(dev.baseshift.e2e.DockerCli.size(base));
            assertThat(slim.appSizeBytes()).isEqualTo(slim.sizeBytes() - slim.baseSizeBytes()).isPositive();
            assertThat(variant(r, Tier.FULL).baseSizeBytes()).isEqualTo(dev.baseshift.e2e.DockerCli.size(
                    "bsfixture/tiny:full"));
        } finally {
            docker("image", "rm", "-f", base);
        }
    }

    @Test
    void aMissingExecutableIsAClearFailAndAnExitCodeIsKeptWithTheOutputTail() throws Exception {
        Path project = TestProjects.copy("tiny-app", tmp, unique("missing"));
        Plan plan = HandPlan.of(project, Map.of(Tier.FULL, "bsfixture/tiny:full"), List.of(
                HandPlan.probe("node", "node", "-e", "require('express')"),
                HandPlan.probe("exit 3", "sh", "-c", "echo oops; exit 3"),
                new Probe("off", List.of("false"), "user", false)));

        ComparisonResult r = service().start(plan, CompareOptions.defaults(plan.probes()).keepingImages(false), e -> {}).await();

        List<ProbeResult> probes = r.variants().get(0).probes();
        assertThat(probes).extracting(ProbeResult::outcome)
                .containsExactly(ProbeOutcome.FAIL, ProbeOutcome.FAIL, ProbeOutcome.SKIPPED);
        assertThat(probes.get(0).output()).startsWith("executable not found: node");
        assertThat(probes.get(1).exitCode()).isEqualTo(3);
        assertThat(probes.get(1).output()).contains("oops");
        assertThat(r.recommendation().present()).isFalse();
        assertThat(r.recommendation().reason()).isEqualTo("no variant passes every probe: full fails node, exit 3");
        assertThat(labelled("dev.baseshift.project=" + plan.projectKey())).isEmpty();
    }
}
