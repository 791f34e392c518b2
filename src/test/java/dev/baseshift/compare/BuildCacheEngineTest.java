package dev.baseshift.compare;

import dev.baseshift.app.KeptImages;
import dev.baseshift.catalog.Tier;
import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.engine.EngineLocator;
import dev.baseshift.plan.Plan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static dev.baseshift.e2e.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's images as its build cache, on the real engine: a rerun with nothing changed builds nothing, a change
 * rebuilds what it touches (and the engine's own cache serves the rest), every cache-key input does the right thing,
 * BaseShift's Dockerfile never lands in an image, projects never share or steal each other's images, and two
 * comparisons of one project take turns.
 */
@Tag("engine")
class BuildCacheEngineTest {
    static ContainerEngine engine;

    @TempDir
    Path tmp;

    private final List<Plan> plans = new ArrayList<>();
    private final List<String> extraImages = new ArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        engine = EngineLocator.fromSystem().locate();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @AfterEach
    void removeWhatTheTestKept() throws Exception {
        for (Plan p : plans) new KeptImages(engine, sessions()).remove(p.projectKey());
        for (String image : extraImages) {
            try {
                docker("image", "rm", "-f", image);
            } catch (AssertionError gone) {
                // removed by the test already
            }
        }
    }

    Sessions sessions() {
        return new Sessions(tmp.resolve("state/sessions"));
    }

    ComparisonService service() {
        return new ComparisonService(engine, Executors.newCachedThreadPool(), sessions());
    }

    /** FROM, a COPY of hello.txt, a RUN, then a COPY of late.txt, and a folder .dockerignore leaves out. */
    Path project(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name + "-" + UUID.randomUUID().toString().substring(0, 6)));
        Files.writeString(dir.resolve("Dockerfile"), "FROM bsfixture/tiny:full\nARG GREETING=hi\n"
                + "COPY hello.txt /hello.txt\nRUN [\"/bin/sh\", \"-c\", \"echo $GREETING >> /hello.txt\"]\n"
                + "COPY . /app\n");
        Files.writeString(dir.resolve("hello.txt"), "hello\n");
        Files.writeString(dir.resolve("late.txt"), "late\n");
        Files.createDirectories(dir.resolve("ignored"));
        Files.writeString(dir.resolve("ignored/notes.txt"), "notes\n");
        Files.writeString(dir.resolve(".dockerignore"), "ignored\n");
        return dir;
    }

    Plan plan(Path dir, Map<Tier, String> bases, Map<String, String> args) {
        Plan hand = HandPlan.of(dir, bases, List.of(HandPlan.probe("hello", "cat", "/hello.txt")));
        Plan p = new Plan(hand.projectDir(), hand.dockerfilePath(), hand.dockerfile(), hand.graph(), hand.base(),
                hand.variants(), hand.probes(), args, hand.target());
        plans.add(p);
        return p;
    }

    static Map<Tier, String> two() {
        Map<Tier, String> bases = new LinkedHashMap<>();
        bases.put(Tier.FULL, "bsfixture/tiny:full");
        bases.put(Tier.ALPINE, "bsfixture/tiny:musl");
        return bases;
    }

    ComparisonResult compare(Plan plan, List<ComparisonEvent> events) throws InterruptedException {
        CompareOptions options = new CompareOptions(plan.probes(), 2, null, Duration.ofSeconds(30),
                Duration.ofSeconds(2), true);
        return service().start(plan, options, events::add).await();
    }

    static List<String> log(List<ComparisonEvent> events, Tier tier) {
        return events.stream().filter(e -> e instanceof ComparisonEvent.BuildLog l && l.tier() == tier)
                .map(e -> ((ComparisonEvent.BuildLog) e).line()).toList();
    }

    @Test
    void aSecondComparisonOfAnUnchangedProjectBuildsNothingAndProbesAgain() throws Exception {
        Plan plan = plan(project("same"), two(), Map.of());
        ComparisonResult first = compare(plan, new ArrayList<>());
        assertThat(first.variants()).extracting(VariantResult::buildCache).containsOnly(BuildCache.BUILT);

        List<ComparisonEvent> events = new CopyOnWriteArrayList<>();
        ComparisonResult second = compare(plan, events);

        assertThat(second.variants()).extracting(VariantResult::buildCache).containsOnly(BuildCache.CACHED);
        assertThat(second.variants()).extracting(VariantResult::imageId)
                .containsExactlyElementsOf(first.variants().stream().map(VariantResult::imageId).toList());
        assertThat(second.variants()).extracting(VariantResult::sizeBytes)
                .containsExactlyElementsOf(first.variants().stream().map(VariantResult::sizeBytes).toList());
        assertThat(second.variants()).allSatisfy(v -> assertThat(v.probes()).extracting(ProbeResult::outcome)
                .containsExactly(ProbeOutcome.PASS));
        // no build step ran: the only log line is the one saying so
        assertThat(log(events, Tier.FULL)).hasSize(1).first().asString().startsWith("cached: ");
        assertThat(events).filteredOn(e -> e instanceof ComparisonEvent.BuildFinished b && b.cached()).hasSize(2);
        // kept: tagged per project, no containers
        assertThat(docker("images", "--format", "{{.Tag}}", plan.imageRepository()).lines().sorted())
                .containsExactly("alpine", "full");
        assertThat(docker("ps", "-aq", "--filter", "label=dev.baseshift.project=" + plan.projectKey())).isEmpty();
    }

    @Test
    void aChangedFileRebuildsFromTheFirstStepThatUsesItThroughTheEnginesCache() throws Exception {
        Path dir = project("late");
        Plan plan = plan(dir, two(), Map.of());
        ComparisonResult first = compare(plan, new ArrayList<>());
        Files.writeString(dir.resolve("late.txt"), "later\n");

        List<ComparisonEvent> events = new CopyOnWriteArrayList<>();
        ComparisonResult second = compare(plan, events);

        assertThat(second.variants()).extracting(VariantResult::buildCache).containsOnly(BuildCache.BUILT);
        assertThat(second.variants().get(0).imageId()).isNotEqualTo(first.variants().get(0).imageId());
        // COPY hello.txt and the RUN come from the engine's cache; only COPY . (late.txt) and the label step run
        List<String> log = log(events, Tier.FULL);
        assertThat(log.stream().filter(l -> l.contains("Using cache")).count()).isEqualTo(3); // ARG, COPY, RUN
        assertThat(docker("run", "--rm", plan.imageRepository() + ":full", "cat", "/app/late.txt")).isEqualTo("later");
        // the replaced image is gone, not left untagged
        assertThat(docker("images", "-q", "--no-trunc", "--filter", "dangling=true", "--filter",
                "label=dev.baseshift.project=" + plan.projectKey())).isEmpty();
    }

    @Test
    void touchingOrChangingAnIgnoredFileRebuildsNothing() throws Exception {
        Path dir = project("ignored");
        Plan plan = plan(dir, two(), Map.of());
        compare(plan, new ArrayList<>());
        Files.writeString(dir.resolve("ignored/notes.txt"), "other notes\n");
        Files.setLastModifiedTime(dir.resolve("hello.txt"), java.nio.file.attribute.FileTime.fromMillis(1_000_000));

        ComparisonResult second = compare(plan, new ArrayList<>());

        assertThat(second.variants()).extracting(VariantResult::buildCache).containsOnly(BuildCache.CACHED);
    }

    @Test
    void aBuildArgOrANewImageUnderTheBasesTagRebuilds() throws Exception {
        String base = "bstest/cache-base-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        extraImages.add(base);
        Path baseDir = Files.createDirectories(tmp.resolve("base"));
        Files.writeString(baseDir.resolve("Dockerfile"), "FROM bsfixture/tiny:full\nLABEL round=1\n");
        docker("build", "-q", "-t", base, baseDir.toString());
        Path dir = project("key");
        Map<Tier, String> bases = new LinkedHashMap<>();
        bases.put(Tier.FULL, "bsfixture/tiny:full");
        bases.put(Tier.SLIM, base);
        compare(plan(dir, bases, Map.of()), new ArrayList<>());

        ComparisonResult withArg = compare(plan(dir, bases, Map.of("GREETING", "hello")), new ArrayList<>());
        assertThat(withArg.variants()).extracting(VariantResult::buildCache).containsOnly(BuildCache.BUILT);
        assertThat(docker("run", "--rm", plans.get(0).imageRepository() + ":full", "cat", "/hello.txt"))
                .endsWith("hello");

        Files.writeString(baseDir.resolve("Dockerfile"), "FROM bsfixture/tiny:full\nLABEL round=2\n");
        docker("build", "-q", "-t", base, baseDir.toString());
        ComparisonResult newBase = compare(plan(dir, bases, Map.of("GREETING", "hello")), new ArrayList<>());
        assertThat(newBase.variants()).extracting(v -> v.variant().tier() + " " + v.buildCache())
                .containsExactly("FULL CACHED", "SLIM BUILT");
    }

    @Test
    void baseShiftsDockerfileNeverLandsInTheImage() throws Exception {
        Path dir = project("clean-copy");
        Files.delete(dir.resolve(".dockerignore"));
        Plan plan = plan(dir, Map.of(Tier.FULL, "bsfixture/tiny:full"), Map.of());
        compare(plan, new ArrayList<>());
        String own = "bstest/own-" + UUID.randomUUID().toString().substring(0, 8);
        extraImages.add(own);
        docker("build", "-q", "-t", own, dir.toString());

        // what `docker build .` of the user's own Dockerfile copies, no more
        String ours = docker("run", "--rm", plan.imageRepository() + ":full", "ls", "-a", "/app");
        assertThat(ours).doesNotContain(".dockerfile").doesNotContain(".dockerignore")
                .isEqualTo(docker("run", "--rm", own, "ls", "-a", "/app"));
    }

    @Test
    void twoProjectsInFoldersNamedAlikeKeepTheirOwnImages() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Path appA = Files.move(project("x"), a.resolve("app"));
        Path appB = Files.move(project("y"), b.resolve("app"));
        Files.writeString(appB.resolve("hello.txt"), "from b\n");
        Plan planA = plan(appA, Map.of(Tier.FULL, "bsfixture/tiny:full"), Map.of());
        Plan planB = plan(appB, Map.of(Tier.FULL, "bsfixture/tiny:full"), Map.of());
        assertThat(planA.projectSlug()).isEqualTo(planB.projectSlug()).isEqualTo("app");
        assertThat(planA.projectKey()).isNotEqualTo(planB.projectKey()).startsWith("app-");

        CompletableFuture<ComparisonResult> ra = CompletableFuture.supplyAsync(() -> await(planA));
        CompletableFuture<ComparisonResult> rb = CompletableFuture.supplyAsync(() -> await(planB));

        assertThat(ra.get().variants().get(0).passesAll()).isTrue();
        assertThat(rb.get().variants().get(0).passesAll()).isTrue();
        assertThat(docker("run", "--rm", planA.imageRepository() + ":full", "cat", "/hello.txt")).startsWith("hello");
        assertThat(docker("run", "--rm", planB.imageRepository() + ":full", "cat", "/hello.txt")).startsWith("from b");

        // clean takes one project's images and nothing else
        KeptImages kept = new KeptImages(engine, sessions());
        KeptImages.Removed removed = kept.remove(planA.projectKey());
        assertThat(removed.removed().tags()).containsExactly(planA.imageRepository() + ":full");
        assertThat(docker("images", "-q", planA.imageRepository())).isEmpty();
        assertThat(docker("images", "-q", planB.imageRepository())).isNotEmpty();
        assertThat(docker("images", "-q", "bsfixture/tiny:full")).isNotEmpty();
    }

    @Test
    void twoComparisonsOfOneProjectTakeTurnsAndBothFinish() throws Exception {
        Path dir = project("turns");
        Files.writeString(dir.resolve("Dockerfile"), Files.readString(dir.resolve("Dockerfile"))
                .replace("echo $GREETING >> /hello.txt", "sleep 3 && echo $GREETING >> /hello.txt"));
        Plan plan = plan(dir, two(), Map.of());
        List<ComparisonEvent> secondEvents = new CopyOnWriteArrayList<>();
        CompletableFuture<ComparisonResult> first = CompletableFuture.supplyAsync(() -> await(plan));
        Thread.sleep(500);
        Files.writeString(dir.resolve("late.txt"), "the second run's\n");
        ComparisonResult second = compare(plan, secondEvents);

        assertThat(first.get().variants()).allSatisfy(v -> assertThat(v.passesAll()).isTrue());
        assertThat(second.variants()).allSatisfy(v -> assertThat(v.passesAll())
                .as(v.label() + ": " + v.error() + " " + v.probes()).isTrue());
        assertThat(secondEvents).filteredOn(e -> e instanceof ComparisonEvent.Notice).hasSize(1).first()
                .satisfies(n -> assertThat(((ComparisonEvent.Notice) n).message())
                        .startsWith("waiting for another comparison of "));
        assertThat(docker("run", "--rm", plan.imageRepository() + ":alpine", "cat", "/app/late.txt"))
                .isEqualTo("the second run's");
    }

    @Test
    void anUntaggedImageACrashedRunLeftIsSweptByTheNext() throws Exception {
        String key = "crashed-" + UUID.randomUUID().toString().substring(0, 8);
        String tag = "baseshift/" + key + ":full";
        Path d = Files.createDirectories(tmp.resolve("leftover"));
        Files.writeString(d.resolve("Dockerfile"), "FROM bsfixture/tiny:full\nLABEL dev.baseshift.project=" + key
                + " n=1\n");
        docker("build", "-q", "-t", tag, d.toString());
        String orphan = docker("image", "inspect", "-f", "{{.Id}}", tag);
        Files.writeString(d.resolve("Dockerfile"), "FROM bsfixture/tiny:full\nLABEL dev.baseshift.project=" + key
                + " n=2\n");
        docker("build", "-q", "-t", tag, d.toString()); // the first lost its tag, as when a run dies mid-way
        extraImages.add(tag);
        assertThat(docker("images", "-q", "--no-trunc", "--filter", "dangling=true")).contains(orphan);

        compare(plan(project("sweeper"), Map.of(Tier.FULL, "bsfixture/tiny:full"), Map.of()), new ArrayList<>());

        assertThat(docker("images", "-aq", "--no-trunc")).doesNotContain(orphan);
        assertThat(docker("images", "-q", tag)).isNotEmpty(); // the tagged one is a project's cache: kept
    }

    private ComparisonResult await(Plan plan) {
        try {
            return compare(plan, new ArrayList<>());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
