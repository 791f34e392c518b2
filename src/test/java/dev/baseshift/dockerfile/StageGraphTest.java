package dev.baseshift.dockerfile;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StageGraphTest {
    private static StageGraph graph(String text, Map<String, String> buildArgs, String target)
            throws DockerfileException {
        return StageGraph.of(DockerfileParser.parse("Dockerfile", text), buildArgs, target);
    }

    private static final String MULTI = """
            ARG GO=1.23
            ARG RUNTIME=gcr.io/distroless/static-debian13
            FROM golang:${GO} AS build
            RUN go build -o /app .
            FROM build AS test
            RUN go test ./...
            FROM ${RUNTIME}:nonroot AS runtime
            COPY --from=build /app /app
            FROM runtime AS Final
            """;

    @Test
    void resolvesStagesArgsAndChains() throws Exception {
        StageGraph g = graph(MULTI, Map.of(), null);
        assertThat(g.stages()).extracting(Stage::name).containsExactly("build", "test", "runtime", "Final");
        assertThat(g.stages()).extracting(Stage::base)
                .containsExactly("golang:1.23", "build", "gcr.io/distroless/static-debian13:nonroot", "runtime");
        assertThat(g.stages()).extracting(Stage::parentStage).containsExactly(-1, 0, -1, 2);
        assertThat(g.stages()).extracting(Stage::line).containsExactly(3, 5, 7, 9);
        assertThat(g.stages().get(0).baseText()).isEqualTo("golang:${GO}");
        assertThat(g.stages().get(0).from().startLine()).isEqualTo(3);
        assertThat(g.finalStage()).isEqualTo(3);
        assertThat(g.baseStage().index()).isEqualTo(2);
        assertThat(g.args()).containsEntry("GO", "1.23");
    }

    @Test
    void buildKitsPlatformArgsExpandInFromWithoutADeclarationAndABuildArgWins() throws Exception {
        String text = "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM base-${TARGETARCH}:${TARGETOS}\n";
        StageGraph g = graph(text, Map.of(), null);
        String arch = PlatformArgs.hostPlatform().split("/")[1];
        assertThat(g.stages().get(1).base()).isEqualTo("base-" + arch + ":linux");
        assertThat(g.args()).as("only the Dockerfile's own ARGs").isEmpty();
        assertThat(g.expansion()).containsEntry("TARGETARCH", arch).containsEntry("BUILDOS", "linux");
        assertThat(graph(text, Map.of("TARGETARCH", "riscv64"), null).stages().get(1).base())
                .isEqualTo("base-riscv64:linux");
        // a global ARG without a default keeps the automatic value, one with a default overrides it
        assertThat(graph("ARG TARGETARCH\nFROM b-${TARGETARCH}\n", Map.of(), null).baseStage().base())
                .isEqualTo("b-" + arch);
        assertThat(graph("ARG TARGETARCH=s390x\nFROM b-${TARGETARCH}\n", Map.of(), null).baseStage().base())
                .isEqualTo("b-s390x");
        assertThat(PlatformArgs.of("linux/arm/v7")).containsEntry("TARGETVARIANT", "v7")
                .containsEntry("TARGETPLATFORM", "linux/arm/v7");
    }

    @Test
    void targetSelectsTheFinalStageCaseInsensitively() throws Exception {
        StageGraph g = graph(MULTI, Map.of(), "TEST");
        assertThat(g.finalStage()).isEqualTo(1);
        assertThat(g.baseStage().base()).isEqualTo("golang:1.23");
        assertThat(graph(MULTI, Map.of(), "final").finalStage()).isEqualTo(3);
    }

    @Test
    void unknownTargetListsTheStages() {
        DockerfileException e = catchThrowableOfType(DockerfileException.class,
                () -> graph(MULTI, Map.of(), "prod"));
        assertThat(e.reason()).contains("\"prod\"").contains("build, test, runtime, Final");
        assertThat(e.line()).isEqualTo(9);
    }

    @Test
    void buildArgsOverrideOnlyDeclaredArgs() throws Exception {
        String text = """
                ARG PY=3.12
                ARG FLAVOUR
                FROM python:${PY}${FLAVOUR:+-$FLAVOUR}${UNDECLARED}
                """;
        StageGraph g = graph(text, Map.of("PY", "3.13", "FLAVOUR", "slim", "UNDECLARED", "-x"), null);
        assertThat(g.stages().get(0).base()).isEqualTo("python:3.13-slim");
        assertThat(g.args()).containsOnly(Map.entry("PY", "3.13"), Map.entry("FLAVOUR", "slim"));
        assertThat(graph(text, Map.of(), null).stages().get(0).base()).isEqualTo("python:3.12");
    }

    @Test
    void argDefaultsSeeEarlierArgsAndQuotesAreRemoved() throws Exception {
        String text = """
                ARG REGISTRY="registry.example.com:5000" VERSION=22
                ARG IMAGE=${REGISTRY}/node:${VERSION}
                FROM $IMAGE
                ARG AFTER_FROM=ignored
                FROM ${AFTER_FROM:-node}:latest
                """;
        StageGraph g = graph(text, null, null);
        assertThat(g.stages().get(0).base()).isEqualTo("registry.example.com:5000/node:22");
        assertThat(g.stages().get(1).base()).isEqualTo("node:latest");
        assertThat(g.args()).doesNotContainKey("AFTER_FROM");
    }

    @Test
    void emptyExpansionIsAnErrorAtTheFromLine() {
        String text = "ARG BASE\nFROM busybox AS ok\nFROM ${BASE}\n";
        DockerfileException e = catchThrowableOfType(DockerfileException.class, () -> graph(text, Map.of(), null));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).isEqualTo("base image is empty after ARG expansion: ${BASE}");
    }

    @Test
    void stagesResolveByNameIgnoringCaseButNotByIndex() throws Exception {
        String text = """
                FROM alpine:3.20 AS Base
                FROM BASE AS second
                FROM 1
                FROM 7
                """;
        StageGraph g = graph(text, Map.of(), null);
        // Checked against BuildKit (Docker 20.10): "FROM 1" pulls an image named "1".
        assertThat(g.stages()).extracting(Stage::parentStage).containsExactly(-1, 0, -1, -1);
        assertThat(graph(text, Map.of(), "second").baseStage().base()).isEqualTo("alpine:3.20");
    }

    @Test
    void laterStageNamesDoNotResolveEarlierFroms() throws Exception {
        StageGraph g = graph("FROM app\nFROM alpine AS app\n", Map.of(), null);
        assertThat(g.stages().get(0).fromImage()).isTrue();
        assertThat(g.baseStage().base()).isEqualTo("alpine");
    }

    @Test
    void duplicateStageNamesAreRejected() {
        DockerfileException e = catchThrowableOfType(DockerfileException.class,
                () -> graph("FROM a AS x\nFROM b as X\n", Map.of(), null));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.reason()).contains("duplicate stage name");
    }

    @Test
    void platformFlagAndScratchKeepTheirImage() throws Exception {
        StageGraph g = graph("FROM --platform=$BUILDPLATFORM golang:1.23 AS b\nFROM scratch\nCOPY --from=b /x /x\n",
                Map.of(), null);
        assertThat(g.baseStage().base()).isEqualTo("scratch");
        assertThat(g.stages().get(0).from().flag("platform")).contains("$BUILDPLATFORM");
    }

    @Test
    void malformedExpansionIsReportedAtItsLine() {
        DockerfileException e = catchThrowableOfType(DockerfileException.class,
                () -> graph("ARG V=1\nFROM python:${V\n", Map.of(), null));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.reason()).contains("missing '}'");
    }
}
