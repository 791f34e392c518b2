package dev.baseshift.advice;

import dev.baseshift.catalog.Tier;
import dev.baseshift.catalog.TierOption;
import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.DockerfileException;
import dev.baseshift.dockerfile.DockerfileParser;
import dev.baseshift.dockerfile.StageGraph;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Real-world and mangled Dockerfiles: the Advisor never throws and its findings always point into the file. */
class AdvisorRobustnessTest {
    private static final List<String> CORPUS = List.of("python-web", "go-debian", "node-app", "java-maven",
            "official-style", "hostile");
    private static final List<TierOption> TARGETS = List.of(SLIM, ALPINE_PY, DISTROLESS_PY, STATIC, SCRATCH, UBI,
            new TierOption(Tier.ORIGINAL, "example.com/unknown:1", null, "", true));
    private static final String[] NOISE = {"bash -c 'x'", "[[ -f a ]]", "$(", "'", "\"", "<<EOF", "\\", "`",
            "apt-get install -y", "useradd -m", "USER app", "RUN", "arr=(", "{a,b}", "#!/bin/bash", "--from=0",
            "COPY --from=nowhere /x /y", "ONBUILD RUN apk add bash", "SHELL [\"/bin/bash\", \"-c\"]", "HEALTHCHECK CMD"};

    @Test
    void everyCorpusFileOnEveryTargetGivesWellFormedFindings() throws Exception {
        int findings = 0;
        for (String name : CORPUS) {
            String text = corpus(name);
            for (TierOption target : TARGETS) {
                List<Finding> found = advise(text, pythonFull("3.12"), target);
                assertWellFormed(text, found);
                findings += found.size();
            }
        }
        assertThat(findings).isGreaterThan(100);
    }

    @Test
    void thousandsOfMutationsNeverMakeTheAdvisorThrow() throws Exception {
        Random random = new Random(20261129);
        Advisor advisor = new Advisor();
        int advised = 0;
        for (int i = 0; i < 2000; i++) {
            String text = mutate(corpus(CORPUS.get(random.nextInt(CORPUS.size()))), random);
            Dockerfile df;
            StageGraph graph;
            try {
                df = DockerfileParser.parse("Dockerfile", text);
                graph = StageGraph.of(df, Map.of(), null);
            } catch (DockerfileException e) {
                continue;   // the parser's business; the Advisor only ever sees parsed files
            }
            TierOption target = TARGETS.get(random.nextInt(TARGETS.size()));
            List<Finding> found = advisor.advise(df, graph, random.nextBoolean() ? pythonFull("3.11") : null, target);
            assertWellFormed(text, found);
            advised++;
        }
        assertThat(advised).as("mutations that still parse").isGreaterThan(300);
    }

    @Test
    void theParsersGoldenDockerfilesAdviseAlongTheirCatalogSpectrum() throws Exception {
        java.net.URL golden = AdvisorRobustnessTest.class.getResource("/dockerfile/golden");
        assertThat(golden).as("the parser's golden corpus").isNotNull();
        List<java.nio.file.Path> files;
        try (var walk = java.nio.file.Files.walk(java.nio.file.Path.of(golden.toURI()))) {
            files = walk.filter(p -> p.getFileName().toString().equals("Dockerfile")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(40);
        dev.baseshift.catalog.Catalog catalog = dev.baseshift.catalog.Catalog.bundled();
        int variants = 0;
        for (java.nio.file.Path file : files) {
            String text = java.nio.file.Files.readString(file);
            Dockerfile df = DockerfileParser.parse("Dockerfile", text);
            StageGraph graph = StageGraph.of(df, Map.of(), null);
            dev.baseshift.catalog.BaseMatch match;
            try {
                match = catalog.identify(dev.baseshift.dockerfile.ImageReference.parse(graph.baseStage().base()))
                        .orElse(null);
            } catch (IllegalArgumentException e) {
                match = null;   // ARG-built references the catalog cannot read; the rules still run
            }
            List<TierOption> targets = match != null ? match.spectrum() : TARGETS;
            for (TierOption target : targets) {
                assertWellFormed(text, new Advisor().advise(df, graph, match, target));
                variants++;
            }
        }
        assertThat(variants).isGreaterThan(100);
    }

    private static void assertWellFormed(String text, List<Finding> found) {
        long lines = text.lines().count();
        assertThat(found).extracting(Finding::line).isSorted().allMatch(l -> l >= 0 && l <= lines);
        assertThat(found).allSatisfy(f -> {
            assertThat(Advisor.ruleIds()).contains(f.rule());
            assertThat(f.severity()).isNotNull();
            assertThat(f.message()).isNotBlank();
            assertThat(f.fix()).isNotBlank();
        });
    }

    private static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = random.nextInt(lines.size());
            switch (random.nextInt(5)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(random.nextInt(lines.size())));
                case 2 -> Collections.swap(lines, at, random.nextInt(lines.size()));
                case 3 -> lines.set(at, lines.get(at) + " " + NOISE[random.nextInt(NOISE.length)]);
                default -> lines.add(at, "RUN " + NOISE[random.nextInt(NOISE.length)]);
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String corpus(String name) throws IOException {
        try (InputStream in = AdvisorRobustnessTest.class.getResourceAsStream("corpus/" + name + ".Dockerfile")) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
