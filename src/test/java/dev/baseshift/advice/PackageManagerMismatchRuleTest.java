package dev.baseshift.advice;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class PackageManagerMismatchRuleTest {
    private static final String RULE = PackageManagerMismatchRule.ID;

    @Test
    void aptGetOnAlpineIsAnErrorWithTheApkCommandAndMappedNames() {
        String dockerfile = """
                FROM python:3.12
                WORKDIR /app
                RUN apt-get update \\
                    && apt-get install -y --no-install-recommends \\
                        build-essential libpq-dev libssl-dev libjpeg-dev zlib1g-dev \\
                    && rm -rf /var/lib/apt/lists/*
                COPY . .
                """;
        List<Finding> found = advise(dockerfile, ALPINE_PY, RULE);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.line()).isEqualTo(3);
        assertThat(f.message()).contains("apt-get").contains("python:3.12-alpine").contains("apk");
        assertThat(f.fix()).startsWith("RUN apk add --no-cache build-base postgresql-dev openssl-dev jpeg-dev zlib-dev");
    }

    @Test
    void mapsTheBriefsCommonPackagesAndKeepsUnknownNamesWithANote() {
        String dockerfile = """
                FROM python:3.12-slim
                RUN apt-get install -y libffi-dev python3-dev ca-certificates curl git libxml2-dev libxslt1-dev \\
                    default-libmysqlclient-dev gcc g++ make frobnicate-dev
                """;
        Finding f = advise(dockerfile, ALPINE_PY, RULE).get(0);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.fix()).contains("apk add --no-cache libffi-dev python3-dev ca-certificates curl git libxml2-dev "
                + "libxslt-dev mariadb-dev gcc g++ make frobnicate-dev");
        assertThat(f.fix()).contains("no known Alpine name for frobnicate-dev");
    }

    @Test
    void theLineIsThatOfThePackageManagerInsideALongRun() {
        String dockerfile = """
                FROM python:3.12
                RUN set -eux; \\
                    mkdir -p /app; \\
                    # install what the wheels need
                    apt-get install -y curl=7.88.1-10 python3-venv
                """;
        Finding f = advise(dockerfile, ALPINE_PY, RULE).get(0);
        assertThat(f.line()).isEqualTo(5);
        assertThat(f.fix()).startsWith("RUN apk add --no-cache curl")
                .contains("not needed on Alpine: python3-venv")
                .contains("version pins dropped: curl=7.88.1-10");
    }

    @Test
    void apkOnADebianTargetGetsTheReverseMapping() {
        String dockerfile = """
                FROM python:3.12-alpine
                RUN apk add --no-cache --virtual .build-deps build-base postgresql-dev musl-dev \\
                 && pip install psycopg2 \\
                 && apk del .build-deps
                """;
        Finding f = advise(dockerfile, SLIM, RULE).get(0);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.fix()).contains("apt-get install -y --no-install-recommends build-essential libpq-dev libc6-dev")
                .doesNotContain(".build-deps build-essential");
    }

    @Test
    void yumOnAnAlpineTargetAndAptOnADnfTarget() {
        String yum = """
                FROM centos:7
                RUN yum install -y gcc-c++ openssl-devel && yum clean all
                """;
        Finding f = advise(yum, ALPINE_PY, RULE).get(0);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.fix()).startsWith("RUN apk add --no-cache g++ openssl-dev");

        String apt = """
                FROM debian:trixie
                RUN apt-get update && apt-get install -y build-essential libpq-dev
                """;
        Finding g = advise(apt, UBI, RULE).get(0);
        assertThat(g.fix()).startsWith("RUN microdnf install -y gcc gcc-c++ make libpq-devel && microdnf clean all");
    }

    @Test
    void anyPackageManagerOnDistrolessOrScratchHasNowhereToRun() {
        String dockerfile = """
                FROM python:3.12-slim AS runtime
                RUN apt-get update && apt-get install -y libpq5
                CMD ["python", "app.py"]
                """;
        for (var target : List.of(DISTROLESS_PY, SCRATCH)) {
            Finding f = advise(dockerfile, target, RULE).get(0);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.fix()).contains("no package manager; install in a builder stage and COPY --from");
        }
    }

    @Test
    void updateAndCleanOnlyStepsAreToBeDropped() {
        String dockerfile = """
                FROM debian:trixie
                RUN apt-get update && apt-get clean
                """;
        Finding f = advise(dockerfile, ALPINE_PY, RULE).get(0);
        assertThat(f.fix()).startsWith("drop the apt-get steps");
    }

    @Test
    void noFindingWhenTheManagerMatchesTheTarget() {
        assertThat(advise("FROM python:3.12-alpine\nRUN apk add --no-cache curl\n", ALPINE_PY, RULE)).isEmpty();
        assertThat(advise("FROM python:3.12\nRUN apt-get update && apt-get install -y curl\n", SLIM, RULE)).isEmpty();
    }

    @Test
    void noFindingForABuilderStageOnAnotherImage() {
        String dockerfile = """
                FROM golang:1.23 AS build
                RUN apt-get update && apt-get install -y git
                RUN CGO_ENABLED=0 go build -o /out/app .
                FROM python:3.12-slim
                COPY --from=build /out/app /usr/local/bin/app
                CMD ["app"]
                """;
        assertThat(advise(dockerfile, DISTROLESS_PY, RULE)).isEmpty();
        assertThat(advise(dockerfile, ALPINE_PY, RULE)).isEmpty();
    }

    @Test
    void wordsThatOnlyMentionAManagerAreNotCalls() {
        String dockerfile = """
                FROM python:3.12
                RUN echo "run apt-get install curl yourself" && ls /var/lib/apt
                """;
        assertThat(advise(dockerfile, ALPINE_PY, RULE)).isEmpty();
    }

    @Test
    void anOfficialImageStyleRunIsOneFindingWithTheBuildDependenciesMapped() {
        String dockerfile = """
                FROM debian:trixie-slim
                RUN set -eux; \\
                	savedAptMark="$(apt-mark showmanual)"; \\
                	apt-get update; \\
                	apt-get install -y --no-install-recommends dpkg-dev gcc libbz2-dev netbase libssl-dev; \\
                	apt-mark auto '.*' > /dev/null; \\
                	apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \\
                	rm -rf /var/lib/apt/lists/*
                """;
        List<Finding> found = advise(dockerfile, ALPINE_PY, RULE);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(4);
            assertThat(f.fix()).startsWith("RUN apk add --no-cache gcc bzip2-dev openssl-dev")
                    .contains("not needed on Alpine: dpkg-dev, netbase");
        });
    }

    @Test
    void packageListsInVariablesAreExpandedFromTheRunOrEnv() {
        String dockerfile = """
                FROM python:3.12
                ENV RUNTIME_DEPS="libpq5 libfoo9"
                RUN buildDeps=' \\
                        build-essential \\
                        libpq-dev \\
                    '; \\
                    apt-get update && apt-get install -y $buildDeps ${RUNTIME_DEPS} $UNKNOWN_DEPS
                """;
        Finding f = advise(dockerfile, ALPINE_PY, RULE).get(0);
        assertThat(f.line()).isEqualTo(7);
        assertThat(f.fix()).startsWith("RUN apk add --no-cache build-base postgresql-dev libpq libfoo9 $UNKNOWN_DEPS")
                .contains("no known Alpine name for libfoo9:");
    }

    @Test
    void execFormShellScriptsAreReadToo() {
        String dockerfile = """
                FROM python:3.12
                RUN ["/bin/sh", "-ec", "apt-get update && apt-get install -y libssl-dev"]
                """;
        assertThat(advise(dockerfile, ALPINE_PY, RULE)).singleElement()
                .satisfies(f -> assertThat(f.fix()).startsWith("RUN apk add --no-cache openssl-dev"));
    }
}
