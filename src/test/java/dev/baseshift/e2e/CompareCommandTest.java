package dev.baseshift.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baseshift.cli.BaseShiftCommand;
import dev.baseshift.cli.CompareCommand;
import dev.baseshift.engine.EngineLocator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.baseshift.e2e.DockerCli.docker;
import static dev.baseshift.e2e.DockerCli.labelled;
import static org.assertj.core.api.Assertions.assertThat;

/** The real {@code compare} command line over the sample projects and the fixture families. */
class CompareCommandTest {
    @TempDir
    Path tmp;

    record Outcome(int exit, String out, String err) {}

    static Outcome baseshift(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BaseShiftCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(exit, out.toString(), err.toString());
    }

    static List<CSVRecord> csv(Path file) throws Exception {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(file))).getRecords();
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void cleanGoneTakesTheCachesOfProjectsWhoseFolderIsGoneAndNoOther() throws Exception {
        Path kept = Files.createDirectories(tmp.resolve(unique("stays")));
        Path deleted = Files.createDirectories(tmp.resolve(unique("goes")));
        for (Path dir : List.of(kept, deleted)) {
            Files.writeString(dir.resolve("Dockerfile"), "FROM bsfixture/tiny:full\nCOPY Dockerfile /d\n");
            Outcome o = baseshift("compare", dir.toString(), "--tiers", "alpine", "--base",
                    "alpine=bsfixture/tiny:musl", "--probe", "true");
            assertThat(o.exit()).as(o.err()).isZero();
        }
        String keptKey = dev.baseshift.plan.Plan.projectKey(kept);
        String goneKey = dev.baseshift.plan.Plan.projectKey(deleted);
        try {
            Files.delete(deleted.resolve("Dockerfile"));
            Files.delete(deleted);
            Outcome dry = baseshift("clean", "--gone", "--dry-run");
            assertThat(dry.out()).startsWith("Would remove ").contains("baseshift/" + goneKey + ":alpine")
                    .doesNotContain(keptKey);
            Outcome gone = baseshift("clean", "--gone");
            assertThat(gone.exit()).as(gone.err()).isZero();
            // (other gone projects' caches, e.g. an earlier test's temporary folder, go too)
            assertThat(gone.out()).startsWith("Removed ").contains("baseshift/" + goneKey + ":original")
                    .contains("baseshift/" + goneKey + ":alpine").doesNotContain(keptKey);
            assertThat(labelled("dev.baseshift.project=" + goneKey)).isEmpty();
            assertThat(labelled("dev.baseshift.project=" + keptKey)).isNotEmpty();
            assertThat(baseshift("clean", "--gone", kept.toString()).exit()).isEqualTo(2);
        } finally {
            baseshift("clean", kept.toString());
        }
    }

    @Test
    void aCauseSharedByEveryFailingVariantIsPrintedOnce() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(unique("allfail")));
        Files.writeString(dir.resolve("Dockerfile"), "FROM bsfixture/tiny:full\nRUN exit 7\n");
        Outcome o = baseshift("compare", dir.toString(), "--tiers", "alpine,distroless", "--base",
                "alpine=bsfixture/tiny:musl", "--base", "distroless=bsfixture/tiny:noshell", "--rm-images",
                "--probe", "true");
        assertThat(o.exit()).isNotZero();
        String all = o.out() + o.err();
        // the original and alpine fail the same way; noshell has no /bin/sh: another cause, also said once
        assertThat(all.split("returned a non-zero code: 7", -1)).as(all).hasSize(2);
        assertThat(o.out()).contains("original and alpine did not build (Step 2/3 : RUN exit 7: The command "
                + "'/bin/sh -c exit 7' returned a non-zero code: 7)");
        assertThat(o.err()).contains("no recommendation (see above)");
    }

    @Test
    @Tag("engine")
    void numpyAppEndToEndGivesTheCliNumbersProbeOutcomesRecommendationAndReports() throws Exception {
        Path project = TestProjects.copy("numpy-app", tmp, unique("numpy-e2e"));
        String before = TestProjects.hash(project);
        Path json = tmp.resolve("r.json");
        Path csvFile = tmp.resolve("r.csv");
        Path md = tmp.resolve("r.md");

        Outcome o = baseshift("compare", project.toString(), "--json", json.toString(), "--csv", csvFile.toString(),
                "--md", md.toString());

        String key = dev.baseshift.plan.Plan.projectKey(project);
        try {
            assertThat(o.exit()).as(o.err()).isZero();
            JsonNode r = new ObjectMapper().readTree(json.toFile());
            assertThat(r.path("recommendation").path("tier").asText()).isEqualTo("distroless");
            assertThat(r.path("recommendation").path("reason").asText()).startsWith("distroless saves ");
            assertThat(r.path("engine").isMissingNode()).isFalse();
            JsonNode variants = r.path("variants");
            assertThat(variants).extracting(v -> v.path("tier").asText() + ":" + v.path("status").asText())
                    .containsExactly("full:built", "slim:built", "distroless:built", "scratch:build-failed");
            for (JsonNode v : variants) {
                if (!v.path("status").asText().equals("built")) continue;
                String tag = v.path("tag").asText();
                assertThat(tag).isEqualTo("baseshift/" + key + ":" + v.path("tier").asText());
                assertThat(v.path("buildCache").asText()).isEqualTo("built");
                assertThat(v.path("sizeBytes").asLong()).isEqualTo(DockerCli.size(tag));
                assertThat(v.path("baseSizeBytes").asLong()).isEqualTo(DockerCli.size(v.path("base").asText()));
                assertThat(v.path("baseSizeBytes").asLong() + v.path("appSizeBytes").asLong())
                        .isEqualTo(v.path("sizeBytes").asLong());
                assertThat(v.path("layers")).hasSize(DockerCli.history(tag).size());
            }
            assertThat(probeOutcomes(variants.get(0))).containsEntry("import numpy", "pass").containsEntry("app", "pass");
            assertThat(probeOutcomes(variants.get(1))).containsEntry("import numpy", "fail").containsEntry("app", "fail");
            assertThat(probeOutcomes(variants.get(2))).containsEntry("import numpy", "pass").containsEntry("app", "pass");
            assertThat(variants.get(3).path("error").asText()).contains("python3");

            List<CSVRecord> rows = csv(csvFile);
            assertThat(rows).extracting(x -> x.get("tier") + ":" + x.get("status") + ":" + x.get("recommended"))
                    .containsExactly("full:built:false", "slim:built:false", "distroless:built:true",
                            "scratch:build-failed:false");
            assertThat(rows.get(2).get("bytes")).isEqualTo(variants.get(2).path("sizeBytes").asText());
            assertThat(csv(tmp.resolve("r-layers.csv"))).hasSize(variants.get(0).path("layers").size()
                    + variants.get(1).path("layers").size() + variants.get(2).path("layers").size());
            assertThat(Files.readString(md)).contains("**Recommendation: distroless**")
                    .contains("| `python3 -c 'import numpy'` | ✓ | ✗ | ✓ | – |");
            assertThat(o.out()).contains("Recommendation: distroless");
            assertThat(TestProjects.hash(project)).isEqualTo(before);
            // the images stay as the next comparison's cache, and the user is told how to remove them
            assertThat(o.err()).contains("Kept baseshift/" + key + ":full,slim,distroless as the next comparison's cache");
            assertThat(docker("ps", "-aq", "--filter", "label=dev.baseshift.project=" + key)).isEmpty();
        } finally {
            Outcome clean = baseshift("clean", project.toString());
            assertThat(clean.exit()).as(clean.err()).isZero();
            assertThat(clean.out()).startsWith("Removed 3 images, ").contains("baseshift/" + key + ":slim");
        }
        assertThat(labelled("dev.baseshift.project=" + key)).isEmpty();
        assertThat(docker("images", "-q", "bsfixture/py:full")).as("base images are never touched").isNotEmpty();
        Outcome again = baseshift("clean", project.toString());
        assertThat(again.out()).startsWith("BaseShift keeps no images of baseshift/" + key);
    }

    private static Map<String, String> probeOutcomes(JsonNode variant) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        variant.path("probes").forEach(p -> m.put(p.path("name").asText(), p.path("outcome").asText()));
        return m;
    }

    @Test
    @Tag("engine")
    void maxSizeGateFailsWithExit1AndStillWritesTheReports() throws Exception {
        Path project = TestProjects.copy("tiny-app", tmp, unique("gate"));
        Path md = tmp.resolve("gate.md");

        Outcome o = baseshift("compare", project.toString(), "--tiers", "alpine", "--max-size", "1MB",
                "--md", md.toString(), "--rm-images");

        assertThat(o.exit()).as(o.err()).isEqualTo(1);
        assertThat(o.err()).contains("max-size gate failed: alpine is 2.69MB").contains("more than 1MB (1000000 bytes)");
        assertThat(Files.readString(md)).contains("**Recommendation: alpine**");
        // --rm-images: nothing of the project stays, not even its cache
        assertThat(labelled("dev.baseshift.project=" + dev.baseshift.plan.Plan.projectKey(project))).isEmpty();
    }

    @Test
    void noEngineExitsWith3WithinThreeSecondsListingEveryAttempt() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path root = Files.createDirectories(tmp.resolve("root"));
        Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + tmp.resolve("dead.sock"),
                "XDG_RUNTIME_DIR", tmp.resolve("run").toString());
        Path project = TestProjects.copy("tiny-app", tmp, "no-engine");
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CompareCommand(
                () -> new EngineLocator(env, home, root, Duration.ofSeconds(1)).locate()));
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));

        long start = System.nanoTime();
        int exit = cl.execute(project.toString());
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(exit).isEqualTo(3);
        assertThat(seconds).isLessThan(3.0);
        assertThat(err.toString()).contains("No container engine answered")
                .contains(tmp.resolve("dead.sock").toString()).contains("DOCKER_HOST")
                .contains("docker.sock").doesNotContain("\tat ");
    }

    @Test
    void badInputExitsWith2WithFileAndLineAndNoStackTrace() throws Exception {
        Path project = TestProjects.copy("tiny-app", tmp, "broken");
        Files.writeString(project.resolve("Dockerfile"), "FROM bsfixture/tiny:full\nRUN <<EOF\necho never closed\n");

        Outcome bad = baseshift("compare", project.toString());
        Outcome usage = baseshift("compare", project.toString(), "--parallel", "0");
        Outcome size = baseshift("compare", project.toString(), "--max-size", "huge");

        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("Dockerfile:2").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(size.exit()).isEqualTo(2);
        assertThat(size.err()).contains("'huge' is not a size");
    }

    @Test
    @Tag("engine")
    void aOneGigabyteFileInTheContextIsHandledWithAWarning() throws Exception {
        Path project = TestProjects.copy("tiny-app", tmp, unique("huge"));
        try (RandomAccessFile f = new RandomAccessFile(project.resolve("big.bin").toFile(), "rw")) {
            f.setLength(1_000_000_000L); // sparse: no disk used until the context is made
        }

        Outcome o = baseshift("compare", project.toString(), "--tiers", "alpine");

        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.err()).contains("the build context is 1.0 GB");
        assertThat(o.out()).contains("Recommendation: alpine");
        String key = dev.baseshift.plan.Plan.projectKey(project);
        assertThat(docker("ps", "-aq", "--filter", "label=dev.baseshift.project=" + key)).isEmpty();
        assertThat(docker("images", "-q", "--filter", "label=dev.baseshift.project=" + key).lines()).hasSize(2);
        assertThat(baseshift("clean", project.toString()).exit()).isZero();
        assertThat(labelled("dev.baseshift.project=" + key)).isEmpty();
    }
}
