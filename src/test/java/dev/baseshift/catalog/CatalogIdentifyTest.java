package dev.baseshift.catalog;

import dev.baseshift.dockerfile.ImageReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Tag spellings seen in real Dockerfiles, and what the catalog reads from them. */
class CatalogIdentifyTest {
    private static final Catalog CATALOG = Catalog.bundled();

    @ParameterizedTest(name = "{0} → {1} {2} {3}")
    @CsvSource(nullValues = "-", value = {
            "python,                                       python, full,   -",
            "python:latest,                                python, full,   -",
            "python:3.12,                                  python, full,   3.12",
            "python:3.12.4,                                python, full,   3.12.4",
            "python:3,                                     python, full,   3",
            "python:3.12-trixie,                           python, full,   3.12",
            "python:bookworm,                              python, full,   -",
            "python:3.12-slim,                             python, slim,   3.12",
            "python:3.12-slim-bookworm,                    python, slim,   3.12",
            "python:slim,                                  python, slim,   -",
            "python:3.15-rc-slim-trixie,                   python, slim,   3.15-rc",
            "python:3.12-alpine,                           python, alpine, 3.12",
            "python:3.12-alpine3.20,                       python, alpine, 3.12",
            "python:alpine3.21,                            python, alpine, -",
            "docker.io/python:3.12-slim,                   python, slim,   3.12",
            "index.docker.io/library/python:3.12,          python, full,   3.12",
            "registry-1.docker.io/library/python:3.12,     python, full,   3.12",
            "python:3.12@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, python, full, 3.12",
            "python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef,      python, full, -",
            "gcr.io/distroless/python3-debian13,           python, distroless, 3.13",
            "gcr.io/distroless/python3-debian13:nonroot,   python, distroless, 3.13",
            "node:22-bookworm-slim,                        node, slim,     22",
            "node:22.11.0-trixie-slim,                     node, slim,     22.11.0",
            "node:22-slim,                                 node, slim,     22",
            "node:22-alpine3.20,                           node, alpine,   22",
            "node:lts,                                     node, full,     -",
            "node:current-alpine,                          node, alpine,   -",
            "gcr.io/distroless/nodejs24-debian13:debug,    node, distroless, 24",
            "golang:1.23-bookworm,                         golang, full,   1.23",
            "golang:1.24rc1-alpine,                        golang, alpine, 1.24rc1",
            "golang:alpine,                                golang, alpine, -",
            "eclipse-temurin:21,                           eclipse-temurin, full,   21",
            "eclipse-temurin:21-jdk-noble,                 eclipse-temurin, full,   21",
            "eclipse-temurin:21.0.5_11-jdk,                eclipse-temurin, full,   21.0.5_11",
            "eclipse-temurin:21-jre,                       eclipse-temurin, slim,   21",
            "eclipse-temurin:21-jre-jammy,                 eclipse-temurin, slim,   21",
            "eclipse-temurin:21-jre-alpine,                eclipse-temurin, alpine, 21",
            "eclipse-temurin:21-jdk-alpine,                eclipse-temurin, alpine, 21",
            "eclipse-temurin:25-jre-alpine-3.22,           eclipse-temurin, alpine, 25",
            "gcr.io/distroless/java25-debian13,            eclipse-temurin, distroless, 25",
            "openjdk:11,                                   openjdk, full,   11",
            "openjdk:8u342-jdk,                            openjdk, full,   8u342",
            "openjdk:17-jdk-oraclelinux8,                  openjdk, full,   17",
            "openjdk:11-jre-slim,                          openjdk, slim,   11",
            "openjdk:17-slim-bullseye,                     openjdk, slim,   17",
            "openjdk:8-jre-alpine,                         openjdk, alpine, 8",
            "ruby:3.3-slim-bookworm,                       ruby, slim,     3.3",
            "ruby:3.4-alpine3.21,                          ruby, alpine,   3.4",
            "php:8.3,                                      php, full,      8.3",
            "php:8.3-fpm-bookworm,                         php, full,      8.3",
            "php:8.3-zts-alpine3.20,                       php, alpine,    8.3",
            "php:fpm-alpine,                               php, alpine,    -",
            "nginx:1.27-alpine,                            nginx, alpine,  1.27",
            "nginx:alpine-slim,                            nginx, slim,    -",
            "nginx:1.27.3-alpine3.20-slim,                 nginx, slim,    1.27.3",
            "nginx:stable-bookworm-perl,                   nginx, full,    -",
            "httpd:2.4.62-alpine,                          httpd, alpine,  2.4.62",
            "rust:1.83-slim-bookworm,                      rust, slim,     1.83",
            "rust:alpine,                                  rust, alpine,   -",
            "debian:bookworm-slim,                         debian, slim,   -",
            "debian:trixie-20241111-slim,                  debian, slim,   -",
            "debian:stable,                                debian, full,   -",
            "debian:13.2,                                  debian, full,   13.2",
            "ubuntu:jammy-20240111,                        ubuntu, full,   -",
            "ubuntu,                                       ubuntu, full,   -",
            "alpine,                                       alpine, alpine, -",
            "alpine:edge,                                  alpine, alpine, -",
            "alpine:3.21.2,                                alpine, alpine, 3.21.2",
            "alpine:3,                                     alpine, alpine, 3",
            "node:jod-slim,                                node, slim,     22",
            "node:krypton-trixie,                          node, full,     24",
            "gcr.io/distroless/static,                     distroless-static, distroless, -",
            "gcr.io/distroless/static-debian12:nonroot-arm64, distroless-static, distroless, -",
            "gcr.io/distroless/base-nossl-debian13,        distroless-base, distroless, -",
            "scratch,                                      scratch, scratch, -",
    })
    void readsFamilyTierAndVersion(String ref, String family, String tier, String version) {
        BaseMatch m = CATALOG.identify(ImageReference.parse(ref)).orElseThrow(() -> new AssertionError(ref + " not recognised"));
        assertThat(m.family().name()).isEqualTo(family);
        assertThat(m.tier().id()).isEqualTo(tier);
        assertThat(m.version()).isEqualTo(version);
    }

    @ParameterizedTest(name = "{0} is not guessed")
    @ValueSource(strings = {"bitnami/python:3.12", "myregistry.example.com/python:3.12", "ghcr.io/acme/app:1.0",
            "python:3.12-windowsservercore-ltsc2022", "node:hydrogen-slim", "eclipse-temurin:21-jre-ubi9-minimal",
            "gcr.io/distroless/nodejs18-debian11x", "library/unknown:1", "mcr.microsoft.com/dotnet/runtime:8.0"})
    void unknownReferencesGetNoTiers(String ref) {
        assertThat(CATALOG.identify(ImageReference.parse(ref))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "gcr.io/distroless/python3-debian13,        false, false, 3.13",
            "gcr.io/distroless/python3-debian13:debug,  true,  false, 3.13",
            "gcr.io/distroless/static-debian13:debug-nonroot, true, false, ",
            "scratch,                                   false, false, ",
            "python:3.12-alpine,                        true,  true,  ",
            "python:3.12-slim,                          true,  true,  ",
    })
    void traitsFollowTheTag(String ref, boolean shell, boolean packageManager, String languageVersion) {
        BaseTraits t = CATALOG.identify(ImageReference.parse(ref)).orElseThrow().option().traits();
        assertThat(t.shell()).isEqualTo(shell);
        assertThat(t.packageManager() != null).isEqualTo(packageManager);
        assertThat(t.languageVersion()).isEqualTo(languageVersion);
    }

    @ParameterizedTest(name = "{0} has {1}, not {2}")
    @CsvSource({
            "python:3.12,                         www-data, nonroot",
            "node:22-trixie-slim,                 node,     nonroot",
            "node:22-alpine,                      node,     www-data",
            "python:3.12-alpine,                  guest,    www-data",
            "php:8.3-fpm-alpine,                  www-data, node",
            "nginx:1.27-alpine-slim,              nginx,    www-data",
            "eclipse-temurin:21-jre-noble,        ubuntu,   nonroot",
            "gcr.io/distroless/java21-debian13,   nonroot,  www-data",
    })
    void usersFollowTheImage(String ref, String present, String absent) {
        BaseTraits t = CATALOG.identify(ImageReference.parse(ref)).orElseThrow().option().traits();
        assertThat(t.users()).contains("root", present).doesNotContain(absent);
    }
}
