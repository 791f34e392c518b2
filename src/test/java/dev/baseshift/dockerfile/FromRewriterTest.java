package dev.baseshift.dockerfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Variants differ from the original in the image token of one FROM and nowhere else. */
class FromRewriterTest {

    private static String rewriteBase(String text, String image) throws DockerfileException {
        return rewriteBase(text, Map.of(), image);
    }

    private static String rewriteBase(String text, Map<String, String> buildArgs, String image) throws DockerfileException {
        Dockerfile d = DockerfileParser.parse("Dockerfile", text);
        StageGraph g = StageGraph.of(d, buildArgs, null);
        return FromRewriter.rewrite(d, g.baseStage(), image, g.args());
    }

    @Test
    void replacesOnlyTheImage() throws Exception {
        assertThat(rewriteBase("FROM python:3.12\nRUN pip install flask\n", "python:3.12-slim-trixie"))
                .isEqualTo("FROM python:3.12-slim-trixie\nRUN pip install flask\n");
    }

    @Test
    void keepsCrlfCommentsPlatformAndStageName() throws Exception {
        String original = "# syntax=docker/dockerfile:1\r\n"
                + "# the app\r\n"
                + "FROM --platform=$BUILDPLATFORM python:3.12   AS app   \r\n"
                + "\r\n"
                + "RUN echo hi \\\r\n"
                + "    && echo there\r\n"
                + "CMD [\"python\", \"app.py\"]\r\n";
        assertThat(rewriteBase(original, "python:3.12-alpine")).isEqualTo("# syntax=docker/dockerfile:1\r\n"
                + "# the app\r\n"
                + "FROM --platform=$BUILDPLATFORM python:3.12-alpine   AS app   \r\n"
                + "\r\n"
                + "RUN echo hi \\\r\n"
                + "    && echo there\r\n"
                + "CMD [\"python\", \"app.py\"]\r\n");
    }

    @Test
    void followsContinuationsWithCommentsAndBlankLinesInsideTheFrom() throws Exception {
        String original = "FROM \\\n"
                + "  --platform=linux/amd64 \\\n"
                + "# a comment inside the continuation\n"
                + "\n"
                + "  node:22 \\\n"
                + "  AS build\n"
                + "RUN npm ci\n";
        assertThat(rewriteBase(original, "node:22-trixie-slim")).isEqualTo("FROM \\\n"
                + "  --platform=linux/amd64 \\\n"
                + "# a comment inside the continuation\n"
                + "\n"
                + "  node:22-trixie-slim \\\n"
                + "  AS build\n"
                + "RUN npm ci\n");
    }

    @Test
    void continuationsWithCrlfAndTrailingBlanksAfterTheEscape() throws Exception {
        String original = "FROM \\  \r\n\tgolang:1.23\\\t\r\n AS build\r\nRUN go build\r\n";
        assertThat(rewriteBase(original, "golang:1.23-alpine"))
                .isEqualTo("FROM \\  \r\n\tgolang:1.23-alpine\\\t\r\n AS build\r\nRUN go build\r\n");
    }

    @Test
    void anImageSplitByAContinuationIsReplacedAsOneToken() throws Exception {
        assertThat(rewriteBase("FROM pyth\\\non:3.12 AS a\nRUN true\n", "python:3.12-slim-trixie"))
                .isEqualTo("FROM python:3.12-slim-trixie AS a\nRUN true\n");
    }

    @Test
    void backtickEscapeAndLowercaseKeywords() throws Exception {
        String original = "# escape=`\nfrom `\n    mcr.example.com/python:3.12 as app\nrun echo `\n  hi\n";
        assertThat(rewriteBase(original, "python:3.12-slim-trixie"))
                .isEqualTo("# escape=`\nfrom `\n    python:3.12-slim-trixie as app\nrun echo `\n  hi\n");
    }

    @Test
    void tabsAndNoFinalNewline() throws Exception {
        assertThat(rewriteBase("FROM\tdebian:trixie\tAS\tbase", "debian:trixie-slim"))
                .isEqualTo("FROM\tdebian:trixie-slim\tAS\tbase");
    }

    @Test
    void aQuotedImageStaysQuoted() throws Exception {
        assertThat(rewriteBase("FROM \"python:3.12\" AS app\n", "python:3.12-slim-trixie"))
                .isEqualTo("FROM \"python:3.12-slim-trixie\" AS app\n");
    }

    @Test
    void aDigestPinGoesWithTheSwap() throws Exception {
        String sha = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assertThat(rewriteBase("FROM python:3.12@" + sha + "\n", "python:3.12-slim-trixie"))
                .isEqualTo("FROM python:3.12-slim-trixie\n");
    }

    @Test
    void inAMultiStageBuildOnlyTheBaseStageChanges() throws Exception {
        String original = "FROM golang:1.23 AS build\n"
                + "WORKDIR /src\n"
                + "COPY . .\n"
                + "RUN go build -o /app\n"
                + "\n"
                + "FROM debian:bookworm AS runtime-base\n"
                + "RUN apt-get update\n"
                + "\n"
                + "FROM runtime-base\n"
                + "COPY --from=build /app /app\n"
                + "ENTRYPOINT [\"/app\"]\n";
        assertThat(rewriteBase(original, "debian:bookworm-slim")).isEqualTo(
                original.replace("FROM debian:bookworm AS", "FROM debian:bookworm-slim AS"));
    }

    @Test
    void theSameImageInAnotherStageIsLeftAlone() throws Exception {
        String original = "FROM python:3.12 AS deps\nRUN pip wheel -r r.txt\nFROM python:3.12\nCOPY --from=deps /w /w\n";
        assertThat(rewriteBase(original, "python:3.12-slim-trixie"))
                .isEqualTo("FROM python:3.12 AS deps\nRUN pip wheel -r r.txt\nFROM python:3.12-slim-trixie\nCOPY --from=deps /w /w\n");
    }

    @Test
    void keepsArgStyleReferences() throws Exception {
        assertThat(rewriteBase("ARG PY=3.12\nFROM python:${PY}\n", "python:3.12-slim-trixie"))
                .isEqualTo("ARG PY=3.12\nFROM python:${PY}-slim-trixie\n");
        assertThat(rewriteBase("ARG PY=3.12\nFROM python:$PY AS app\n", "python:3.12-alpine"))
                .isEqualTo("ARG PY=3.12\nFROM python:$PY-alpine AS app\n");
        assertThat(rewriteBase("ARG IMAGE=node\nARG TAG=22\nFROM ${IMAGE}:${TAG}\n", "node:22-trixie-slim"))
                .isEqualTo("ARG IMAGE=node\nARG TAG=22\nFROM ${IMAGE}:${TAG}-trixie-slim\n");
    }

    @Test
    void buildArgOverridesDecideWhatTheVariablesHold() throws Exception {
        assertThat(rewriteBase("ARG PY=3.12\nFROM python:${PY}\n", Map.of("PY", "3.11"), "python:3.11-alpine"))
                .isEqualTo("ARG PY=3.12\nFROM python:${PY}-alpine\n");
    }

    @Test
    void aVariableHoldingTheWholeReferenceIsReplacedByTheLiteral() throws Exception {
        assertThat(rewriteBase("ARG BASE=python:3.12\nFROM ${BASE} AS app\n", "python:3.12-slim-trixie"))
                .isEqualTo("ARG BASE=python:3.12\nFROM python:3.12-slim-trixie AS app\n");
    }

    @Test
    void aTargetInAnotherRepositoryIsWrittenLiterally() throws Exception {
        assertThat(rewriteBase("ARG PY=3.12\nFROM python:${PY}-slim\n", "gcr.io/distroless/python3-debian13"))
                .isEqualTo("ARG PY=3.12\nFROM gcr.io/distroless/python3-debian13\n");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "python:3.12           | python:3.12-slim-trixie            | python:3.12-slim-trixie",
            "python:${PY}          | python:3.12-slim-trixie            | python:${PY}-slim-trixie",
            "python:${PY}-slim     | python:3.12-alpine                 | python:${PY}-alpine",
            "python:${PY}-bookworm | python:3.12-slim-bookworm          | python:${PY}-slim-bookworm",
            "${IMG}:${PY}          | python:3.12-alpine                 | ${IMG}:${PY}-alpine",
            "${IMG}                | python:slim-trixie                 | ${IMG}:slim-trixie",
            "$IMG                  | python:slim-trixie                 | $IMG:slim-trixie",
            "${BASE}               | python:3.12-slim-trixie            | python:3.12-slim-trixie",
            "${PINNED}             | python:3.12-slim-trixie            | python:3.12-slim-trixie",
            "${REG}/python:${PY}   | registry.test:5000/python:3.12-alpine | ${REG}/python:${PY}-alpine",
            "python:${PY:-3.12}    | python:3.12-alpine                 | python:3.12-alpine",
            "python:$NUM           | python:3a                          | python:${NUM}a",
            "python:${UNSET}3.12   | python:3.12-alpine                 | python:${UNSET}3.12-alpine",
            "node:${NODE}          | gcr.io/distroless/nodejs22-debian13 | gcr.io/distroless/nodejs22-debian13",
            "python:${OTHER}       | python:3.12-alpine                 | python:3.12-alpine",
    })
    void imageText(String baseText, String target, String expected) {
        Map<String, String> args = Map.of("PY", "3.12", "IMG", "python", "BASE", "python:3.12", "REG", "registry.test:5000",
                "NODE", "22", "NUM", "3", "OTHER", "3.13",
                "PINNED", "python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        assertThat(FromRewriter.imageText(baseText, target, args)).isEqualTo(expected);
    }
}
