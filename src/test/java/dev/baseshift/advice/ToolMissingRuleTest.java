package dev.baseshift.advice;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class ToolMissingRuleTest {
    private static final String RULE = ToolMissingRule.ID;

    @Test
    void programsOfTheFullImageAreMissingOnSlim() {
        String dockerfile = """
                FROM python:3.12
                RUN git clone https://example.com/repo.git /src \\
                 && curl -fsSL https://example.com/x.tgz | tar -xz
                HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1
                """;
        List<Finding> found = advise(dockerfile, pythonFull("3.12"), SLIM).stream()
                .filter(f -> f.rule().equals(RULE)).toList();
        assertThat(found).extracting(Finding::line).containsExactly(2, 3, 4);
        assertThat(found.get(0).fix())
                .isEqualTo("RUN apt-get update && apt-get install -y --no-install-recommends git "
                        + "&& rm -rf /var/lib/apt/lists/* before this line");
        assertThat(found.get(2).message()).contains("this command");
    }

    @Test
    void sourceOnlyPackagesNeedACompilerOnSlim() {
        String dockerfile = "FROM python:3.12\nRUN pip install --no-cache-dir psycopg2==2.9.10 flask\n";
        Finding f = advise(dockerfile, pythonFull("3.12"), SLIM).stream()
                .filter(x -> x.rule().equals(RULE)).findFirst().orElseThrow();
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.message()).startsWith("psycopg2 always compiles from source");
        assertThat(f.fix()).contains("apt-get install -y --no-install-recommends build-essential libpq-dev");
    }

    @Test
    void alpineGetsApkNamesAndBusyboxToolsCount() {
        String dockerfile = "FROM python:3.12\nRUN wget -q https://example.com/a && git init\n";
        List<Finding> found = advise(dockerfile, pythonFull("3.12"), ALPINE_PY).stream()
                .filter(f -> f.rule().equals(RULE)).toList();
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.message()).startsWith("git is not in python:3.12-alpine");
            assertThat(f.fix()).startsWith("RUN apk add --no-cache git");
        });
    }

    @Test
    void noFindingWhenInstalledFirstOrTheOriginalWasNotFull() {
        String installs = """
                FROM python:3.12
                RUN apt-get update && apt-get install -y curl git && curl -fsSL https://example.com | sh
                RUN git --version
                """;
        assertThat(advise(installs, pythonFull("3.12"), SLIM)).noneMatch(f -> f.rule().equals(RULE));
        String uses = "FROM python:3.12-slim\nRUN curl -fsSL https://example.com\n";
        assertThat(advise(uses, null, ALPINE_PY)).noneMatch(f -> f.rule().equals(RULE));
        assertThat(advise(uses, pythonFull("3.12"), pythonFull("3.12").spectrum().get(0)))
                .noneMatch(f -> f.rule().equals(RULE));
    }
}
