package dev.baseshift.compare;

import dev.baseshift.catalog.Tier;
import dev.baseshift.e2e.SecondDaemon;
import dev.baseshift.e2e.TestProjects;
import dev.baseshift.engine.ContainerEngine;
import dev.baseshift.engine.EngineLocator;
import dev.baseshift.plan.Plan;
import dev.baseshift.report.CsvReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The engine dies in the middle of a comparison: a private second dockerd, so the shared one survives. */
@Tag("engine")
class EngineDiesTest {
    @TempDir
    Path tmp;

    @Test
    void finishedVariantsAreKeptRunningOnesFailWithTheCauseAndTheReportIsStillWritten() throws Exception {
        try (SecondDaemon daemon = SecondDaemon.start()) {
            daemon.load("bsfixture/tiny:full", "bsfixture/tiny:musl");
            Path project = TestProjects.copy("tiny-app", tmp, "dying-engine");
            // full has the filler folder and builds at once; musl sleeps in its RUN until the engine is gone
            Path df = project.resolve("Dockerfile");
            Files.writeString(df, Files.readString(df).replace("echo built >> /hello.txt",
                    "if [ ! -d /usr/share/filler ]; then sleep 120; fi; echo built >> /hello.txt"));
            Map<Tier, String> bases = new LinkedHashMap<>();
            bases.put(Tier.FULL, "bsfixture/tiny:full");
            bases.put(Tier.ALPINE, "bsfixture/tiny:musl");
            Plan plan = HandPlan.of(project, bases, List.of(HandPlan.probe("hello", "cat", "/hello.txt")));
            List<ComparisonEvent> events = new CopyOnWriteArrayList<>();
            Sessions sessions = new Sessions(tmp.resolve("sessions"));

            try (ContainerEngine engine = new EngineLocator(Map.of("DOCKER_HOST", daemon.host()), tmp.resolve("home"))
                    .locate()) {
                ComparisonRun run = new ComparisonService(engine, Executors.newCachedThreadPool(), sessions)
                        .start(plan, CompareOptions.defaults(plan.probes()), events::add);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline && !(fullFinished(events) && alpineInItsRun(events))) {
                    Thread.sleep(100);
                }
                assertThat(fullFinished(events)).as("full finished before the engine died").isTrue();
                Thread.sleep(500);

                daemon.kill();
                ComparisonResult r = assertTimeoutPreemptively(Duration.ofSeconds(60), run::await);

                VariantResult full = r.variants().get(0);
                VariantResult alpine = r.variants().get(1);
                assertThat(full.status()).isEqualTo(VariantStatus.BUILT);
                assertThat(full.sizeBytes()).isPositive();
                assertThat(full.probes()).extracting(ProbeResult::outcome).containsExactly(ProbeOutcome.PASS);
                assertThat(alpine.status()).isEqualTo(VariantStatus.BUILD_FAILED);
                assertThat(alpine.error()).startsWith("the container engine stopped answering during the build: ");
                assertThat(r.recommendation().tier()).isEqualTo(Tier.FULL);

                Path csv = tmp.resolve("report.csv");
                CsvReport.write(r, csv);
                assertThat(Files.readAllLines(csv)).hasSize(3);
                assertThat(Files.readString(csv)).contains("full,bsfixture/tiny:full,built,")
                        .contains("alpine,bsfixture/tiny:musl,build-failed,");
                // the leftovers could not be removed: the session stays registered for the next start's sweep
                assertThat(sessions.dead()).hasSize(1);
            }
        }
    }

    private static boolean fullFinished(List<ComparisonEvent> events) {
        return events.stream().anyMatch(e -> e instanceof ComparisonEvent.VariantFinished f
                && f.result().variant().tier() == Tier.FULL);
    }

    private static boolean alpineInItsRun(List<ComparisonEvent> events) {
        return events.stream().anyMatch(e -> e instanceof ComparisonEvent.BuildLog l && l.tier() == Tier.ALPINE
                && l.line().contains("Running in"));
    }
}
