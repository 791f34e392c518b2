package dev.baseshift.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baseshift.advice.Finding;
import dev.baseshift.advice.Severity;
import dev.baseshift.catalog.Catalog;
import dev.baseshift.catalog.Tier;
import dev.baseshift.cli.BaseShiftCommand;
import dev.baseshift.engine.DockerEngine;
import dev.baseshift.engine.EngineLocator;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.PlanRequest;
import dev.baseshift.plan.Planner;
import dev.baseshift.plan.Variant;
import dev.baseshift.registry.BaseFacts;
import dev.baseshift.registry.BaseFactsService;
import dev.baseshift.registry.LocalFacts;
import dev.baseshift.registry.Platform;
import dev.baseshift.registry.RegistryFixtures;
import dev.baseshift.registry.RegistrySettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Tag checks and base facts through the application layer, against a real registry on loopback. */
@Tag("engine")
@ExtendWith(RegistryFixtures.Extension.class)
class BaseLookupTest {

    @TempDir
    Path tmp;

    /** A family whose tiers live in the loopback registry; the first template of two tiers names no pushed tag. */
    private static Catalog catalog(String host) throws Exception {
        String json = """
                {"families": [{"name": "bsfix", "description": "fixtures on loopback",
                  "repositories": ["HOST/bsfixture/tiny"],
                  "tiers": [
                    {"tier": "full", "tags": ["full"], "traits": "debian-full"},
                    {"tier": "alpine", "tags": ["musl-gone", "musl"], "traits": "alpine"},
                    {"tier": "distroless", "tags": ["noshell-gone", "noshell-also-gone"],
                     "traits": "distroless-static"}
                  ]}]}
                """.replace("HOST", host);
        return Catalog.bundled().extendedWith(Catalog.fromJson(json, "loopback.json"));
    }

    private BaseLookup lookup(LocalFacts local) {
        RegistrySettings s = new RegistrySettings(tmp.resolve("docker-config"), List.of(tmp.resolve("certs.d")), Set.of(), List.of(),
                tmp.resolve("facts"), RegistrySettings.DEFAULT_TIMEOUT);
        return new BaseLookup(new BaseFactsService(s, local), Platform.LINUX_AMD64);
    }

    private Path project(String from) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM " + from + "\nCOPY . /app\nCMD [\"/bin/sh\"]\n");
        return dir;
    }

    @Test
    void aProposedTagThatDoesNotExistFallsToTheTiersNextTemplateThatDoes(RegistryFixtures f) throws Exception {
        Path dir = project(f.ref("bsfixture/tiny:full"));
        Planner planner = new Planner(catalog(f.host()));

        Plan unchecked = planner.plan(PlanRequest.of(dir));
        assertThat(unchecked.variant(Tier.ALPINE).orElseThrow().base()).isEqualTo(f.ref("bsfixture/tiny:musl-gone"));

        Plan plan = planner.plan(PlanRequest.of(dir), lookup(LocalFacts.NONE).tags());
        Variant alpine = plan.variant(Tier.ALPINE).orElseThrow();
        assertThat(alpine.base()).isEqualTo(f.ref("bsfixture/tiny:musl"));
        assertThat(alpine.dockerfile()).startsWith("FROM " + f.ref("bsfixture/tiny:musl") + "\n");
        Finding fellBack = alpine.findings().stream().filter(x -> x.rule().equals(Planner.TAG_RULE)).findFirst()
                .orElseThrow();
        assertThat(fellBack.severity()).isEqualTo(Severity.INFO);
        assertThat(fellBack.message()).isEqualTo(f.ref("bsfixture/tiny:musl-gone") + ": no such tag on " + f.host()
                + "; proposing " + f.ref("bsfixture/tiny:musl") + ", the tier's next template that exists");

        // no template of distroless exists: it keeps its proposal, with an error saying so and how to name one
        Variant distroless = plan.variant(Tier.DISTROLESS).orElseThrow();
        assertThat(distroless.base()).isEqualTo(f.ref("bsfixture/tiny:noshell-gone"));
        Finding none = distroless.findings().stream().filter(x -> x.rule().equals(Planner.TAG_RULE)).findFirst()
                .orElseThrow();
        assertThat(none.severity()).isEqualTo(Severity.ERROR);
        assertThat(none.message()).contains("no such tag on " + f.host())
                .contains("nor any other tag of this tier the catalog knows");
        assertThat(none.fix()).isEqualTo("name an image for this tier that exists: --base distroless=IMAGE");
        // the original's own base is never second-guessed
        assertThat(plan.originalVariant().findings()).noneMatch(x -> x.rule().equals(Planner.TAG_RULE));
    }

    @Test
    void factsOfEveryVariantsBaseComeFromTheRegistryWithoutPullingOrFromTheEngine(RegistryFixtures f)
            throws Exception {
        Path dir = project(f.ref("bsfixture/tiny:full"));
        BaseLookup lookup = lookup(LocalFacts.NONE);
        Plan plan = new Planner(catalog(f.host())).plan(PlanRequest.of(dir), lookup.tags());
        Map<String, BaseFacts> facts = lookup.facts(plan);

        assertThat(facts.keySet()).containsExactly("full", "alpine", "distroless");
        BaseFacts full = facts.get("full");
        assertThat(full.source()).isEqualTo(BaseFacts.Source.REGISTRY);
        assertThat(full.compressedBytes()).isPositive()
                .isEqualTo(RegistryFixtures.layerSum(f.manifest("bsfixture/tiny:full")));
        assertThat(facts.get("alpine").compressedBytes())
                .isEqualTo(RegistryFixtures.layerSum(f.manifest("bsfixture/tiny:musl")));
        assertThat(facts.get("distroless").tagExists()).isFalse();
        assertThat(BaseFactsText.tick(facts.get("distroless"))).isEqualTo("✗ no such tag");
        assertThat(BaseFactsText.line(full)).startsWith(
                dev.baseshift.compare.Sizes.format(full.compressedBytes()) + " to pull (linux/amd64) · ");

        // with the engine as the local source, a base it has gets its exact size as `docker image inspect` says
        try (DockerEngine engine = EngineLocator.fromSystem().locate()) {
            BaseLookup withEngine = BaseLookup.of(engine, Platform.LINUX_AMD64);
            Plan local = new Planner(Catalog.bundled()).plan(new PlanRequest(project("bsfixture/tiny:full"), null,
                    Map.of(), null, Map.of(Tier.ALPINE, "bsfixture/tiny:musl"), List.of(), Set.of(Tier.ALPINE)));
            BaseFacts musl = withEngine.facts(local).get("alpine");
            assertThat(musl.source()).isEqualTo(BaseFacts.Source.LOCAL);
            assertThat(musl.sizeBytes()).isEqualTo(Long.parseLong(docker("image", "inspect", "-f", "{{.Size}}",
                    "bsfixture/tiny:musl")));
            assertThat(musl.imageId()).isEqualTo(docker("image", "inspect", "-f", "{{.Id}}", "bsfixture/tiny:musl"));
        }
    }

    @Test
    void anUnreachableRegistryAnswersWithinItsBoundAndChangesNoProposal(RegistryFixtures f) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String host = "127.0.0.1:" + port;
        Path dir = project(host + "/bsfixture/tiny:full");
        BaseLookup lookup = lookup(LocalFacts.NONE);
        long start = System.nanoTime();
        Plan plan = new Planner(catalog(host)).plan(PlanRequest.of(dir), lookup.tags());
        Map<String, BaseFacts> facts = lookup.facts(plan);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_500);
        assertThat(plan.variant(Tier.ALPINE).orElseThrow().base()).isEqualTo(host + "/bsfixture/tiny:musl-gone");
        assertThat(plan.variants()).allSatisfy(v -> assertThat(v.findings()).noneMatch(
                x -> x.rule().equals(Planner.TAG_RULE)));
        assertThat(facts.get("alpine").source()).isNull();
        assertThat(facts.get("alpine").problem()).contains(host);
    }

    @Test
    void planJsonCarriesEachVariantsBaseFacts(RegistryFixtures f) throws Exception {
        Path dir = project(f.ref("bsfixture/tiny:full"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BaseShiftCommand.run(new String[]{"plan", dir.toString(), "--json", "--tiers", "alpine",
                "--base", "alpine=" + f.ref("bsfixture/tiny:musl")}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        JsonNode variants = new ObjectMapper().readTree(out.toString()).path("variants");
        JsonNode alpine = variants.get(1).path("baseFacts");
        // read now, or unchanged since an earlier read (same digest): never stale while the registry answers
        assertThat(alpine.path("source").asText()).isIn("registry", "cache");
        assertThat(alpine.path("stale").asBoolean()).isFalse();
        assertThat(alpine.path("compressedBytes").asLong())
                .isEqualTo(RegistryFixtures.layerSum(f.manifest("bsfixture/tiny:musl")));
        assertThat(alpine.path("tagExists").asBoolean()).isTrue();
        assertThat(alpine.path("digest").asText()).startsWith("sha256:");
        assertThat(alpine.path("platforms").get(0).asText()).isEqualTo("linux/amd64");

        StringWriter text = new StringWriter();
        BaseShiftCommand.run(new String[]{"plan", dir.toString(), "--tiers", "alpine", "--base",
                "alpine=" + f.ref("bsfixture/tiny:musl")}, new PrintWriter(text, true), new PrintWriter(err, true));
        assertThat(text.toString()).contains("      base    " + dev.baseshift.compare.Sizes.format(
                alpine.path("compressedBytes").asLong()) + " to pull (linux/amd64)");
    }

    @Test
    void compareJsonCarriesTheBasesFactsAndWhatAPullOfEachVariantDownloads(RegistryFixtures f) throws Exception {
        Path dir = project("bsfixture/tiny:full");
        Files.writeString(dir.resolve("data.txt"), "some text that compresses well ".repeat(4000));
        String musl = f.ref("bsfixture/tiny:musl");
        Path json = tmp.resolve("out.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String pushed = f.ref("pushed/alpine-variant:" + System.nanoTime());
        try {
            int code = BaseShiftCommand.run(new String[]{"compare", dir.toString(), "--tiers", "alpine", "--base",
                    "alpine=" + musl, "--json", json.toString(), "--probe", "true"},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(code).as(err.toString()).isZero();
            JsonNode root = new ObjectMapper().readTree(json.toFile());
            JsonNode alpine = root.path("variants").get(1);
            assertThat(alpine.path("status").asText()).isEqualTo("built");
            JsonNode facts = alpine.path("baseFacts");
            // pulled by the comparison: the engine's exact size and the registry's download size, both
            assertThat(facts.path("source").asText()).isEqualTo("local");
            assertThat(facts.path("sizeBytes").asLong()).isEqualTo(Long.parseLong(
                    docker("image", "inspect", "-f", "{{.Size}}", musl)));
            long baseDownload = RegistryFixtures.layerSum(f.manifest("bsfixture/tiny:musl"));
            assertThat(facts.path("compressedBytes").asLong()).isEqualTo(baseDownload);
            assertThat(facts.path("tagExists").asBoolean()).isTrue();

            // what a pull downloads: push the variant to the registry and read what it stores
            docker("tag", alpine.path("tag").asText(), pushed);
            docker("push", "-q", pushed);
            long stored = RegistryFixtures.layerSum(f.manifest(pushed.substring(f.host().length() + 1)));
            long pull = alpine.path("pullBytes").asLong();
            assertThat(pull).isGreaterThan(baseDownload);
            // Go's gzip (the push) and the JDK's zlib differ by a few bytes per layer
            assertThat(Math.abs(pull - stored)).as("pull %d vs stored %d", pull, stored)
                    .isLessThanOrEqualTo(Math.max(256, stored / 100));
            // the original's base is on docker.io, unreachable here: its pull size is unknown, not guessed
            assertThat(root.path("variants").get(0).path("pullBytes").isNull()).isTrue();
            assertThat(out.toString()).contains("PULL").contains(dev.baseshift.compare.Sizes.format(pull));
        } finally {
            docker("rmi", pushed);
            docker("rmi", musl);
            BaseShiftCommand.run(new String[]{"clean", dir.toString()}, new PrintWriter(new StringWriter(), true),
                    new PrintWriter(new StringWriter(), true));
        }
    }

    @Test
    void anotherPlatformShowsItsOwnSizesFlagsABaseWithoutItAndIsWhatGetsBuilt(RegistryFixtures f) throws Exception {
        Path dir = project("bsfixture/tiny:full");
        String musl = f.ref("bsfixture/tiny:musl");
        String multi = f.ref(RegistryFixtures.INDEX);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BaseShiftCommand.run(new String[]{"plan", dir.toString(), "--json", "--platform", "linux/arm64",
                "--tiers", "alpine,slim", "--base", "alpine=" + musl, "--base", "slim=" + multi},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        JsonNode variants = new ObjectMapper().readTree(out.toString()).path("variants");
        JsonNode slim = null;
        JsonNode alpine = null;
        for (JsonNode v : variants) {
            if (v.path("tier").asText().equals("slim")) slim = v.path("baseFacts");
            if (v.path("tier").asText().equals("alpine")) alpine = v.path("baseFacts");
        }
        // the index's arm64 entry: its own download size
        assertThat(slim.path("platform").asText()).isEqualTo("linux/arm64");
        assertThat(slim.path("compressedBytes").asLong()).isEqualTo(RegistryFixtures.layerSum(f.arm64().manifest()));
        assertThat(alpine.path("platformAvailable").asBoolean()).isFalse();
        assertThat(alpine.path("compressedBytes").isNull()).isTrue();

        StringWriter text = new StringWriter();
        BaseShiftCommand.run(new String[]{"plan", dir.toString(), "--platform", "linux/arm64", "--tiers", "alpine",
                "--base", "alpine=" + musl}, new PrintWriter(text, true), new PrintWriter(err, true));
        assertThat(text.toString()).contains("✗ no linux/arm64 image (has linux/amd64)");

        // built for arm64 on this amd64 engine without emulation: not quietly an amd64 image, a failure that says so
        Path json = tmp.resolve("arm.json");
        try {
            code = BaseShiftCommand.run(new String[]{"compare", dir.toString(), "--platform", "linux/arm64",
                    "--tiers", "alpine", "--base", "alpine=bsfixture/tiny:musl", "--json", json.toString(),
                    "--rm-images", "--probe", "true"}, new PrintWriter(new StringWriter(), true),
                    new PrintWriter(err, true));
            JsonNode built = new ObjectMapper().readTree(json.toFile()).path("variants");
            for (JsonNode v : built) {
                assertThat(v.path("status").asText()).isEqualTo("build-failed");
                assertThat(v.path("error").asText()).contains("asked to build for linux/arm64, the engine built "
                        + "linux/amd64");
            }
            assertThat(code).isNotZero();
        } finally {
            BaseShiftCommand.run(new String[]{"clean", dir.toString()}, new PrintWriter(new StringWriter(), true),
                    new PrintWriter(new StringWriter(), true));
        }
    }

    private static String docker(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }
}
