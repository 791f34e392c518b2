package dev.baseshift.catalog;

import dev.baseshift.dockerfile.ImageReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every bundled family and every tier it has: what an original identifies as, and the spectrum it produces. */
class CatalogSpectrumTest {
    private static final Catalog CATALOG = Catalog.bundled();

    /**
     * An original per family, and the spectrum expected from it as "tier=image" in family order. The variants are as
     * specific as the original: a suite only where the original names one (python:3.12 → 3.12-slim).
     */
    static Stream<org.junit.jupiter.params.provider.Arguments> spectra() {
        return Stream.of(
                arguments("python:3.12", "python", "full", "3.12", List.of(
                        "full=python:3.12", "slim=python:3.12-slim", "alpine=python:3.12-alpine",
                        "distroless=gcr.io/distroless/python3-debian13")),
                arguments("python:3.12-bookworm", "python", "full", "3.12", List.of(
                        "full=python:3.12-bookworm", "slim=python:3.12-slim-bookworm", "alpine=python:3.12-alpine",
                        "distroless=gcr.io/distroless/python3-debian13")),
                arguments("docker.io/library/python:3.11-slim", "python", "slim", "3.11", List.of(
                        "full=docker.io/library/python:3.11", "slim=docker.io/library/python:3.11-slim",
                        "alpine=docker.io/library/python:3.11-alpine", "distroless=gcr.io/distroless/python3-debian13")),
                arguments("node:22", "node", "full", "22", List.of(
                        "full=node:22", "slim=node:22-slim", "alpine=node:22-alpine",
                        "distroless=gcr.io/distroless/nodejs22-debian13")),
                arguments("node:20-bookworm-slim", "node", "slim", "20", List.of(
                        "full=node:20-bookworm", "slim=node:20-bookworm-slim", "alpine=node:20-alpine")),
                arguments("node:lts-alpine", "node", "alpine", null, List.of(
                        "full=node:lts", "slim=node:lts-slim", "alpine=node:lts-alpine",
                        "distroless=gcr.io/distroless/nodejs26-debian13")),
                arguments("node:jod-alpine", "node", "alpine", "22", List.of(
                        "full=node:jod", "slim=node:jod-slim", "alpine=node:jod-alpine",
                        "distroless=gcr.io/distroless/nodejs22-debian13")),
                arguments("golang:1.23", "golang", "full", "1.23", List.of(
                        "full=golang:1.23", "alpine=golang:1.23-alpine",
                        "distroless=gcr.io/distroless/static-debian13", "scratch=scratch")),
                arguments("eclipse-temurin:21-jdk", "eclipse-temurin", "full", "21", List.of(
                        "full=eclipse-temurin:21-jdk", "slim=eclipse-temurin:21-jre",
                        "alpine=eclipse-temurin:21-jre-alpine", "distroless=gcr.io/distroless/java21-debian13")),
                arguments("eclipse-temurin:11", "eclipse-temurin", "full", "11", List.of(
                        "full=eclipse-temurin:11", "slim=eclipse-temurin:11-jre", "alpine=eclipse-temurin:11-jre-alpine")),
                arguments("openjdk:8-jdk-alpine", "openjdk", "alpine", "8", List.of(
                        "full=eclipse-temurin:8-jdk-noble", "slim=eclipse-temurin:8-jre-noble", "alpine=openjdk:8-jdk-alpine")),
                arguments("openjdk:17.0.2-jdk-slim-bullseye", "openjdk", "slim", "17.0.2", List.of(
                        "full=eclipse-temurin:17-jdk-noble", "slim=openjdk:17.0.2-jdk-slim-bullseye",
                        "alpine=eclipse-temurin:17-jre-alpine", "distroless=gcr.io/distroless/java17-debian13")),
                arguments("ruby:3.3", "ruby", "full", "3.3", List.of(
                        "full=ruby:3.3", "slim=ruby:3.3-slim", "alpine=ruby:3.3-alpine")),
                arguments("php:8.3-fpm", "php", "full", "8.3", List.of(
                        "full=php:8.3-fpm", "alpine=php:8.3-fpm-alpine")),
                arguments("php:8.3-apache", "php", "full", "8.3", List.of("full=php:8.3-apache")),
                arguments("php:8.4-alpine", "php", "alpine", "8.4", List.of(
                        "full=php:8.4", "alpine=php:8.4-alpine")),
                arguments("nginx:1.27", "nginx", "full", "1.27", List.of(
                        "full=nginx:1.27", "alpine=nginx:1.27-alpine", "slim=nginx:1.27-alpine-slim")),
                arguments("nginx:mainline-perl", "nginx", "full", null, List.of(
                        "full=nginx:mainline-perl", "alpine=nginx:mainline-alpine-perl")),
                arguments("httpd:2.4", "httpd", "full", "2.4", List.of("full=httpd:2.4", "alpine=httpd:2.4-alpine")),
                arguments("rust:1.83", "rust", "full", "1.83", List.of(
                        "full=rust:1.83", "slim=rust:1.83-slim", "alpine=rust:1.83-alpine",
                        "distroless=gcr.io/distroless/cc-debian13", "scratch=scratch")),
                arguments("debian:trixie", "debian", "full", null, List.of(
                        "full=debian:trixie", "slim=debian:trixie-slim", "distroless=gcr.io/distroless/base-debian13")),
                arguments("debian:12", "debian", "full", "12", List.of(
                        "full=debian:12", "slim=debian:12-slim", "distroless=gcr.io/distroless/base-debian13")),
                arguments("ubuntu:24.04", "ubuntu", "full", "24.04", List.of(
                        "full=ubuntu:24.04", "distroless=gcr.io/distroless/base-debian13")),
                arguments("alpine:3.20", "alpine", "alpine", "3.20", List.of(
                        "alpine=alpine:3.20", "distroless=gcr.io/distroless/static-debian13", "scratch=scratch")),
                arguments("gcr.io/distroless/static-debian13", "distroless-static", "distroless", null, List.of(
                        "distroless=gcr.io/distroless/static-debian13", "scratch=scratch")),
                arguments("gcr.io/distroless/base-debian12:nonroot", "distroless-base", "distroless", null, List.of(
                        "distroless=gcr.io/distroless/base-debian12:nonroot", "scratch=scratch")),
                arguments("gcr.io/distroless/cc-debian13:debug", "distroless-cc", "distroless", null, List.of(
                        "distroless=gcr.io/distroless/cc-debian13:debug", "scratch=scratch")),
                arguments("scratch", "scratch", "scratch", null, List.of("scratch=scratch")),
                arguments("gcr.io/distroless/java17-debian13", "eclipse-temurin", "distroless", "17", List.of(
                        "full=eclipse-temurin:17-jdk-noble", "slim=eclipse-temurin:17-jre-noble",
                        "alpine=eclipse-temurin:17-jre-alpine", "distroless=gcr.io/distroless/java17-debian13")),
                // a retired suite is recognised and its variants are on today's release
                arguments("python:3.8-slim-buster", "python", "slim", "3.8", List.of(
                        "full=python:3.8", "slim=python:3.8-slim-buster", "alpine=python:3.8-alpine",
                        "distroless=gcr.io/distroless/python3-debian13")),
                arguments("node:lts-buster-slim", "node", "slim", null, List.of(
                        "full=node:lts", "slim=node:lts-buster-slim", "alpine=node:lts-alpine",
                        "distroless=gcr.io/distroless/nodejs26-debian13")),
                arguments("debian:buster-slim", "debian", "slim", null, List.of(
                        "full=debian:latest", "slim=debian:buster-slim", "distroless=gcr.io/distroless/base-debian13")),
                arguments("gcr.io/distroless/python3-debian12", "python", "distroless", "3.13", List.of(
                        "full=python:3.13-trixie", "slim=python:3.13-slim-trixie", "alpine=python:3.13-alpine",
                        "distroless=gcr.io/distroless/python3-debian12")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spectra")
    void identifiesTheOriginalAndProducesEachTier(String ref, String family, String tier, String version, List<String> expected) {
        BaseMatch m = CATALOG.identify(ImageReference.parse(ref)).orElseThrow();
        assertThat(m.family().name()).isEqualTo(family);
        assertThat(m.tier().id()).isEqualTo(tier);
        assertThat(m.version()).isEqualTo(version);
        assertThat(m.spectrum()).extracting(o -> o.tier().id() + "=" + o.image()).containsExactlyElementsOf(expected);
        assertThat(m.option().image()).isEqualTo(ref);
    }

    /** Representative originals; a family added to the catalog without one here fails {@link #everyFamilyIsCovered}. */
    private static final Map<String, String> REPRESENTATIVES = Map.ofEntries(
            Map.entry("python", "python:3.12"), Map.entry("node", "node:24"), Map.entry("golang", "golang:1.23"),
            Map.entry("eclipse-temurin", "eclipse-temurin:25"), Map.entry("openjdk", "openjdk:17-jdk-slim"), Map.entry("ruby", "ruby:3.4"),
            Map.entry("php", "php:8.3-cli"), Map.entry("nginx", "nginx:1.29"), Map.entry("httpd", "httpd:2.4"),
            Map.entry("rust", "rust:1.90"), Map.entry("debian", "debian:bookworm"), Map.entry("ubuntu", "ubuntu:noble"),
            Map.entry("alpine", "alpine:3.22"), Map.entry("distroless-static", "gcr.io/distroless/static-debian13"),
            Map.entry("distroless-base", "gcr.io/distroless/base-debian13"),
            Map.entry("distroless-cc", "gcr.io/distroless/cc-debian13"), Map.entry("scratch", "scratch"));

    @Test
    void everyFamilyIsCovered() {
        assertThat(CATALOG.families()).extracting(Family::name).containsExactlyInAnyOrderElementsOf(REPRESENTATIVES.keySet());
    }

    @Test
    void everyProducedReferenceIdentifiesBackToItsFamilyAndTier() {
        // Targets another family owns or lists first: plain identification names that family.
        Map<String, String> owners = Map.of("gcr.io/distroless/static-debian13", "distroless-static",
                "gcr.io/distroless/base-debian13", "distroless-base", "gcr.io/distroless/cc-debian13", "distroless-cc",
                "scratch", "scratch", "eclipse-temurin", "eclipse-temurin", "gcr.io/distroless/java17-debian13", "eclipse-temurin");
        for (Family family : CATALOG.families()) {
            BaseMatch m = CATALOG.identify(ImageReference.parse(REPRESENTATIVES.get(family.name()))).orElseThrow();
            assertThat(m.family().name()).isEqualTo(family.name());
            assertThat(m.spectrum()).extracting(TierOption::tier).containsExactlyElementsOf(family.tiers());
            for (TierOption option : m.spectrum()) {
                assertThat(option.note()).as(option.image()).isNotBlank();
                assertTraitsFitTheTier(option);
                ImageReference produced = ImageReference.parse(option.image());
                BaseMatch back = CATALOG.identify(produced, family.name()).orElseThrow(
                        () -> new AssertionError(option.image() + " (from " + family.name() + ") is not recognised"));
                assertThat(back.family().name()).as(option.image()).isEqualTo(family.name());
                assertThat(back.tier()).as(option.image()).isEqualTo(option.tier());
                assertThat(back.spectrum()).as(option.image() + " spectrum").extracting(TierOption::tier)
                        .containsExactlyElementsOf(m.spectrum().stream().map(TierOption::tier).toList());
                BaseMatch plain = CATALOG.identify(produced).orElseThrow();
                assertThat(plain.tier()).as(option.image()).isEqualTo(option.tier());
                assertThat(plain.family().name()).as(option.image())
                        .isEqualTo(owners.getOrDefault(produced.familiarName(), family.name()));
            }
        }
    }

    @Test
    void tiersAreDistinctAndRealInEveryFamily() {
        for (Family f : CATALOG.families()) {
            assertThat(f.tiers()).as(f.name()).doesNotHaveDuplicates().doesNotContain(Tier.ORIGINAL);
            assertThat(f.description()).as(f.name()).isNotBlank();
        }
        assertThat(CATALOG.family("golang").orElseThrow().tiers()).doesNotContain(Tier.SLIM);
        assertThat(CATALOG.family("ubuntu").orElseThrow().tiers()).containsExactly(Tier.FULL, Tier.DISTROLESS);
        assertThat(Arrays.stream(Tier.values()).filter(t -> t != Tier.ORIGINAL))
                .allMatch(t -> CATALOG.families().stream().anyMatch(f -> f.tiers().contains(t)));
    }

    /** Data sanity: a tier's traits say what the tier means (alpine = musl + apk, distroless = no shell, ...). */
    private static void assertTraitsFitTheTier(TierOption o) {
        BaseTraits t = o.traits();
        switch (o.tier()) {
            case FULL, SLIM -> {
                if (!"apk".equals(t.packageManager())) assertThat(t.libc()).as(o.image()).isEqualTo("glibc");
                assertThat(t.shell()).as(o.image()).isTrue();
            }
            case ALPINE -> assertThat(List.of(t.libc(), t.packageManager())).as(o.image()).containsExactly("musl", "apk");
            case DISTROLESS -> {
                assertThat(t.shell()).as(o.image()).isFalse();
                assertThat(t.packageManager()).as(o.image()).isNull();
                assertThat(t.users()).as(o.image()).contains("nonroot");
                assertThat(t.caCertificates() && t.tzdata()).as(o.image()).isTrue();
            }
            case SCRATCH -> assertThat(t).as(o.image()).isEqualTo(new BaseTraits(false, null, null, false, false, List.of(), null));
            default -> throw new AssertionError("unexpected tier " + o.tier());
        }
        if (t.packageManager() != null) assertThat(t.users()).as(o.image()).contains("root", "nobody");
    }
}
