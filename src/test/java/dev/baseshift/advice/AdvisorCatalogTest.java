package dev.baseshift.advice;

import dev.baseshift.catalog.BaseMatch;
import dev.baseshift.catalog.Catalog;
import dev.baseshift.catalog.Tier;
import dev.baseshift.catalog.TierOption;
import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.DockerfileParser;
import dev.baseshift.dockerfile.ImageReference;
import dev.baseshift.dockerfile.StageGraph;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules on the bundled catalog's own spectrum and traits, as the planner runs them. */
class AdvisorCatalogTest {

    private static Map<Tier, List<Finding>> spectrum(String text) throws Exception {
        Dockerfile df = DockerfileParser.parse("Dockerfile", text);
        StageGraph graph = StageGraph.of(df, Map.of(), null);
        BaseMatch match = Catalog.bundled().identify(ImageReference.parse(graph.baseStage().base())).orElseThrow();
        Map<Tier, List<Finding>> byTier = new EnumMap<>(Tier.class);
        for (TierOption option : match.spectrum()) {
            byTier.put(option.tier(), new Advisor().advise(df, graph, match, option));
        }
        return byTier;
    }

    private static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).distinct().toList();
    }

    @Test
    void anOriginalOnARetiredSuiteWarnsOnEveryDebianVariantThatItMovesToTodaysRelease() throws Exception {
        Map<Tier, List<Finding>> byTier = spectrum("FROM python:3.8-slim-buster\nRUN apt-get update\n");
        assertThat(byTier.get(Tier.FULL)).filteredOn(f -> f.rule().equals(RetiredSuiteRule.ID)).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("the original is on Debian buster, which is past "
                        + "its end of life").contains("python:3.8 is on today's release"));
        assertThat(rules(byTier.get(Tier.DISTROLESS))).contains(RetiredSuiteRule.ID);
        assertThat(rules(byTier.get(Tier.ALPINE))).doesNotContain(RetiredSuiteRule.ID);
        assertThat(rules(spectrum("FROM python:3.8-slim-bookworm\n").get(Tier.FULL))).doesNotContain(RetiredSuiteRule.ID);
    }

    @Test
    void aPythonServiceAlongThePythonSpectrum() throws Exception {
        Map<Tier, List<Finding>> byTier = spectrum("""
                FROM python:3.11-slim
                RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev gcc \\
                 && rm -rf /var/lib/apt/lists/*
                RUN useradd -m app
                COPY requirements.txt .
                RUN pip install -r requirements.txt psycopg2
                USER app
                CMD ["gunicorn", "app:app"]
                """);
        assertThat(byTier).containsKeys(Tier.FULL, Tier.SLIM, Tier.ALPINE, Tier.DISTROLESS);
        assertThat(byTier.get(Tier.SLIM)).isEmpty();
        assertThat(byTier.get(Tier.FULL)).isEmpty();
        assertThat(byTier.get(Tier.ALPINE)).filteredOn(f -> f.rule().equals(PackageManagerMismatchRule.ID))
                .singleElement().satisfies(f -> {
                    assertThat(f.line()).isEqualTo(2);
                    assertThat(f.fix()).startsWith("RUN apk add --no-cache postgresql-dev gcc");
                });
        assertThat(rules(byTier.get(Tier.ALPINE))).contains(UserCommandsOnAlpineRule.ID)
                .doesNotContain(ShellFormWithoutShellRule.ID, UserMissingRule.ID);
        List<Finding> distroless = byTier.get(Tier.DISTROLESS);
        assertThat(rules(distroless)).contains(LanguageVersionDriftRule.ID, ShellFormWithoutShellRule.ID,
                PackageManagerMismatchRule.ID, UserMissingRule.ID);
        assertThat(distroless).filteredOn(f -> f.rule().equals(LanguageVersionDriftRule.ID)).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("Python 3.11 → 3.13"));
    }

    @Test
    void aNodeAppKeepsItsNodeUserOnAlpineButNotOnDistroless() throws Exception {
        Map<Tier, List<Finding>> byTier = spectrum("""
                FROM node:22
                WORKDIR /app
                COPY --chown=node:node . .
                USER node
                CMD ["node", "server.js"]
                """);
        assertThat(byTier.get(Tier.ALPINE)).isEmpty();
        assertThat(byTier.get(Tier.DISTROLESS)).extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(UserMissingRule.ID, 4));
    }

    @Test
    void aGoBuildOnScratchNeedsAStaticBinaryCertificatesAndABuilder() throws Exception {
        Map<Tier, List<Finding>> byTier = spectrum("""
                FROM golang:1.23
                WORKDIR /src
                COPY . .
                RUN CGO_ENABLED=0 go build -o /app .
                ENTRYPOINT ["/app"]
                """);
        assertThat(byTier).containsKey(Tier.SCRATCH);
        assertThat(rules(byTier.get(Tier.SCRATCH))).contains(ShellFormWithoutShellRule.ID, ScratchNeedsRule.ID);
        assertThat(byTier.get(Tier.FULL)).isEmpty();
    }
}
