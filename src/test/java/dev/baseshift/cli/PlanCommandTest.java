package dev.baseshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BaseShiftCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void scratchAskedForIsOfferedInEveryFamilyAndATierWithoutAnImageIsSaid() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM python:3.12\nCMD [\"python3\"]\n");
        Run py = run("plan", dir.toString(), "--tiers", "slim,scratch");
        assertThat(py.code()).as(py.err()).isZero();
        assertThat(py.out()).contains("slim        python:3.12-slim").contains("scratch     scratch");
        assertThat(py.err()).isEmpty();

        Files.writeString(dir.resolve("Dockerfile"), "FROM myorg/app:1\n");
        Run unknown = run("plan", dir.toString(), "--tiers", "slim,scratch");
        assertThat(unknown.code()).isZero();
        assertThat(unknown.out()).contains("scratch     scratch");
        assertThat(unknown.err()).isEqualTo("baseshift plan: warning: no slim image is known for myorg/app:1 "
                + "(unknown family): slim is not compared; name one with --base slim=IMAGE\n");
        // named with --base, the tier is there and nothing is said
        Run named = run("plan", dir.toString(), "--tiers", "slim", "--base", "slim=myorg/app:1-slim");
        assertThat(named.err()).isEmpty();
        assertThat(named.out()).contains("myorg/app:1-slim");
    }

    @Test
    void aWindowsBaseIsSaidToBeOneNotAnUnknownFamily() throws Exception {
        for (String base : List.of("python:3.13-windowsservercore-ltsc2022", "mcr.microsoft.com/windows/nanoserver:ltsc2022",
                "mcr.microsoft.com/windows/servercore:ltsc2022")) {
            Files.writeString(dir.resolve("Dockerfile"), "FROM " + base + "\n");
            Run r = run("plan", dir.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("Base:       " + base + "  — a Windows image: BaseShift compares Linux bases");
            JsonNode json = new ObjectMapper().readTree(run("plan", dir.toString(), "--json").out());
            assertThat(json.path("base").path("note").asText()).startsWith("a Windows image");
        }
        Files.writeString(dir.resolve("Dockerfile"), "FROM myorg/windows-tools:1\n");
        assertThat(run("plan", dir.toString()).out()).contains("unknown family");
    }

    @Test
    void jsonFollowsTheContract() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), """
                ARG NODE=22
                FROM node:${NODE} AS build
                RUN npm ci && npm run build
                FROM node:${NODE}
                COPY --from=build /app/dist /app
                CMD node /app/server.js
                """);
        Run r = run("plan", dir.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());

        assertThat(root.path("dockerfile").asText()).isEqualTo("Dockerfile");
        assertThat(root.path("stages")).hasSize(2);
        JsonNode s0 = root.path("stages").get(0);
        assertThat(s0.path("index").asInt()).isZero();
        assertThat(s0.path("name").asText()).isEqualTo("build");
        assertThat(s0.path("base").asText()).isEqualTo("node:22");
        assertThat(s0.path("line").asInt()).isEqualTo(2);
        assertThat(root.path("stages").get(1).path("name").isNull()).isTrue();
        assertThat(root.path("finalStage").asInt()).isEqualTo(1);
        assertThat(root.path("base").path("ref").asText()).isEqualTo("node:22");
        assertThat(root.path("base").path("family").asText()).isEqualTo("node");
        assertThat(root.path("base").path("tier").asText()).isEqualTo("full");

        JsonNode variants = root.path("variants");
        assertThat(variants.size()).isGreaterThanOrEqualTo(3);
        for (JsonNode v : variants) {
            assertThat(v.fieldNames()).toIterable().contains("tier", "base", "dockerfile", "findings");
            for (JsonNode f : v.path("findings")) {
                assertThat(f.fieldNames()).toIterable().contains("rule", "severity", "line", "message");
                assertThat(f.path("severity").asText()).isIn("error", "warning", "info");
            }
        }
        JsonNode distroless = null;
        for (JsonNode v : variants) if (v.path("tier").asText().equals("distroless")) distroless = v;
        assertThat(distroless).isNotNull();
        assertThat(distroless.path("base").asText()).isEqualTo("gcr.io/distroless/nodejs22-debian13");
        assertThat(distroless.path("dockerfile").asText()).contains("FROM gcr.io/distroless/nodejs22-debian13\n")
                .contains("FROM node:${NODE} AS build");
        assertThat(distroless.path("findings").findValuesAsText("line")).contains("6");
    }

    @Test
    void textOutputShowsBaseVariantsAndFindings() {
        Run r = run("plan");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Base:       python:3.12").contains("family python, tier full")
                .contains("alpine").contains("distroless").contains("line 5").contains("apk add");
    }

    @Test
    void badInputExitsTwoWithFileAndLineAndNoStackTrace() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20\nRUN true\nCOPPY a b\n");
        Run r = run("plan", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Dockerfile:3:").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void compareRejectsAReportPathThatIsAFolderBeforeBuildingAnything() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20\n");
        Run r = run("compare", dir.toString(), "--csv", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cannot write " + dir + ": it is a folder");
    }

    @Test
    void versionNamesTheRelease() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("BaseShift ");
    }

    @Test
    void unknownTierAndMissingFolderAreUsageErrors() {
        Run tier = run("plan", "--tiers", "tiny");
        assertThat(tier.code()).isEqualTo(2);
        assertThat(tier.err()).contains("unknown tier 'tiny'");

        Run missing = run("plan", dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope");
    }
}
