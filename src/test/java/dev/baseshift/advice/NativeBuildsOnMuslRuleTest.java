package dev.baseshift.advice;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class NativeBuildsOnMuslRuleTest {
    private static final String RULE = NativeBuildsOnMuslRule.ID;

    @Test
    void pipInstallOfKnownNativePackagesNamesThemAndTheirBuildNeeds() {
        String dockerfile = """
                FROM python:3.12-slim
                WORKDIR /app
                RUN pip install --no-cache-dir "numpy==2.1.*" psycopg2 Pillow>=10 flask
                """;
        Finding f = advise(dockerfile, ALPINE_PY, RULE).get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.line()).isEqualTo(3);
        assertThat(f.message()).contains("manylinux").contains("numpy, psycopg2, pillow");
        assertThat(f.fix()).startsWith("RUN apk add --no-cache build-base postgresql-dev jpeg-dev zlib-dev");
    }

    @Test
    void requirementsFilesAndLockfileInstallsWarnWithTheToolchain() {
        String dockerfile = """
                FROM python:3.12-slim
                COPY requirements.txt .
                RUN python -m pip install -r requirements.txt
                RUN poetry install --no-root
                """;
        List<Finding> found = advise(dockerfile, ALPINE_PY, RULE);
        assertThat(found).extracting(Finding::line).containsExactly(3, 4);
        assertThat(found.get(0).fix()).startsWith("RUN apk add --no-cache build-base ");
    }

    @Test
    void npmCiNeedsNodeGypsToolchain() {
        String dockerfile = """
                FROM node:22
                COPY package*.json ./
                RUN npm ci --omit=dev
                RUN npm install bcrypt
                """;
        List<Finding> found = advise(dockerfile, ALPINE_PY, RULE);
        assertThat(found).extracting(Finding::line).containsExactly(3, 4);
        assertThat(found.get(0).message()).contains("node-gyp");
        assertThat(found.get(0).fix()).startsWith("RUN apk add --no-cache python3 make g++");
        assertThat(found.get(1).message()).contains("bcrypt");
    }

    @Test
    void bundleInstallWarnsToo() {
        Finding f = advise("FROM ruby:3.3\nRUN bundle install --jobs 4\n", ALPINE_PY, RULE).get(0);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.fix()).contains("build-base");
    }

    @Test
    void noFindingOnGlibcTargetsForPureToolsOrWhenBuildToolsAreThere() {
        String natives = "FROM python:3.12\nRUN pip install numpy psycopg2\n";
        assertThat(advise(natives, SLIM, RULE)).isEmpty();
        assertThat(advise(natives, DISTROLESS_PY, RULE)).isEmpty();
        assertThat(advise("FROM python:3.12\nRUN pip install --upgrade pip setuptools wheel\n", ALPINE_PY, RULE))
                .isEmpty();
        String withTools = """
                FROM python:3.12-alpine
                RUN apk add --no-cache build-base postgresql-dev
                RUN pip install -r requirements.txt psycopg2
                """;
        assertThat(advise(withTools, ALPINE_PY, RULE)).isEmpty();
    }
}
