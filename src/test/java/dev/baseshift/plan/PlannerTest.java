package dev.baseshift.plan;

import dev.baseshift.advice.Finding;
import dev.baseshift.catalog.Catalog;
import dev.baseshift.catalog.Tier;
import dev.baseshift.dockerfile.DockerfileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannerTest {
    private final Planner planner = new Planner(Catalog.bundled());

    @TempDir
    Path dir;

    private Plan plan(String dockerfile) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        return planner.plan(PlanRequest.of(dir));
    }

    @Test
    void samplePlansAlongThePythonSpectrum() throws Exception {
        Path sample = SampleProject.extractTo(dir.resolve("sample"));
        Plan plan = planner.plan(PlanRequest.of(sample));

        assertThat(plan.base().ref()).isEqualTo("python:3.12");
        assertThat(plan.base().family()).isEqualTo("python");
        assertThat(plan.base().tier()).isEqualTo(Tier.FULL);
        assertThat(plan.variants()).extracting(Variant::tier)
                .contains(Tier.FULL, Tier.SLIM, Tier.ALPINE, Tier.DISTROLESS);
        assertThat(plan.originalVariant().tier()).isEqualTo(Tier.FULL);
        assertThat(plan.originalVariant().dockerfile()).isEqualTo(Files.readString(sample.resolve("Dockerfile")));
        assertThat(plan.variant(Tier.SLIM).orElseThrow().base()).startsWith("python:3.12-slim");
        assertThat(plan.variant(Tier.ALPINE).orElseThrow().base()).startsWith("python:3.12-alpine");
        assertThat(plan.variant(Tier.DISTROLESS).orElseThrow().base()).isEqualTo("gcr.io/distroless/python3-debian13");

        List<Finding> alpine = plan.variant(Tier.ALPINE).orElseThrow().findings();
        assertThat(alpine).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("package-manager-mismatch");
            assertThat(f.line()).isEqualTo(5);
            assertThat(f.fix()).contains("apk add").contains("postgresql-dev");
        });
        List<Finding> distroless = plan.variant(Tier.DISTROLESS).orElseThrow().findings();
        assertThat(distroless).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("shell-form-without-shell");
            assertThat(f.line()).isEqualTo(16);
        });
        // The probes: the image's own CMD, the suggested imports, the project's probes.
        assertThat(plan.probes()).extracting(Probe::source).contains("default", "suggested", "project");
        assertThat(plan.probes()).extracting(Probe::argv).contains(List.of("python", "app.py", "--self-test"));
    }

    @Test
    void everyVariantDiffersFromTheOriginalOnlyInTheBaseFromLine() throws Exception {
        String text = "# syntax=docker/dockerfile:1\r\nARG PY=3.12\r\nFROM golang:1.23 AS build\r\n"
                + "RUN go build -o /app .\r\nFROM --platform=$BUILDPLATFORM python:${PY} AS runtime\r\n"
                + "COPY --from=build /app /app\r\nCMD [\"/app\"]\r\n";
        Plan plan = plan(text);
        assertThat(plan.graph().baseStage().name()).isEqualTo("runtime");
        String[] original = text.split("\r\n", -1);
        for (Variant v : plan.variants()) {
            String[] lines = v.dockerfile().split("\r\n", -1);
            assertThat(lines).hasSameSizeAs(original);
            for (int i = 0; i < lines.length; i++) {
                if (i == 4 && !v.original()) {
                    String image = v.base().startsWith("python:3.12") ? "python:${PY}" + v.base().substring(11)
                            : v.base();
                    assertThat(lines[i]).isEqualTo("FROM --platform=$BUILDPLATFORM " + image + " AS runtime");
                } else {
                    assertThat(lines[i]).as("line %d of %s", i + 1, v.tier()).isEqualTo(original[i]);
                }
            }
        }
    }

    @Test
    void userImagesAddTiersAndNameTheOriginalsTier() throws Exception {
        Files.writeString(dir.resolve(".baseshift.json"), """
                {"bases": {"full": "bsfixture/py:full", "slim": "bsfixture/py:slim"}, "probes": ["python3 -c 'import numpy'"]}
                """);
        Plan plan = planner.plan(new PlanRequest(write("FROM bsfixture/py:full\nCMD [\"python3\"]\n"), null,
                Map.of(), null, Map.of(Tier.DISTROLESS, "bsfixture/py:distroless"), List.of(), null));

        assertThat(plan.base().family()).isNull();
        assertThat(plan.base().tier()).isEqualTo(Tier.FULL);
        assertThat(plan.variants()).extracting(Variant::tier).containsExactly(Tier.FULL, Tier.SLIM, Tier.DISTROLESS);
        assertThat(plan.variant(Tier.SLIM).orElseThrow().custom()).isTrue();
        assertThat(plan.variant(Tier.DISTROLESS).orElseThrow().dockerfile())
                .isEqualTo("FROM bsfixture/py:distroless\nCMD [\"python3\"]\n");
        assertThat(plan.probes()).extracting(Probe::argv).contains(List.of("python3", "-c", "import numpy"));
    }

    @Test
    void suggestedProbesComeFromBesideTheDockerfileAndFitItsRuntime() throws Exception {
        Files.writeString(dir.resolve("package.json"), "{\"dependencies\": {\"express\": \"^4\"}}");
        Files.createDirectories(dir.resolve("svc/api"));
        Files.writeString(dir.resolve("svc/api/api.Dockerfile"), "FROM golang:1.23 AS build\nRUN go build -o /app\n"
                + "FROM gcr.io/distroless/static-debian13\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n");
        Files.createDirectories(dir.resolve("svc/ml"));
        Files.writeString(dir.resolve("svc/ml/requirements.txt"), "numpy\n");
        Files.writeString(dir.resolve("svc/ml/Dockerfile"), "FROM python:3.12-slim\nCOPY . .\nCMD [\"python\", \"m.py\"]\n");
        Files.writeString(dir.resolve("Dockerfile"), "FROM node:22\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"s.js\"]\n");

        Plan go = planner.plan(new PlanRequest(dir, "svc/api/api.Dockerfile", Map.of(), null, Map.of(), List.of(), null));
        assertThat(go.probes()).extracting(Probe::source).containsExactly("default");
        Plan ml = planner.plan(new PlanRequest(dir, "svc/ml/Dockerfile", Map.of(), null, Map.of(), List.of(), null));
        assertThat(ml.probes()).extracting(Probe::name).containsExactly("app starts", "import numpy");
        Plan web = planner.plan(PlanRequest.of(dir));
        assertThat(web.probes()).extracting(Probe::name).containsExactly("app starts", "require express");
    }

    @Test
    void anUnknownFamilyGetsNoGuessedTiers() throws Exception {
        Plan plan = plan("FROM registry.example.com:5000/team/base:7\nRUN true\n");
        assertThat(plan.variants()).singleElement().satisfies(v -> {
            assertThat(v.tier()).isEqualTo(Tier.ORIGINAL);
            assertThat(v.original()).isTrue();
        });
    }

    @Test
    void theCatalogsOrderIsKeptAndUserTiersSlotIn() throws Exception {
        write("FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n");
        Plan plan = planner.plan(new PlanRequest(dir, null, Map.of(), null,
                Map.of(Tier.DISTROLESS, "corp/nginx:distroless"), List.of(), null));
        List<Tier> tiers = plan.variants().stream().map(Variant::tier).toList();
        assertThat(tiers).startsWith(Tier.FULL);
        assertThat(tiers.indexOf(Tier.ALPINE)).isLessThan(tiers.indexOf(Tier.SLIM)); // alpine-slim is slimmer
        assertThat(tiers.indexOf(Tier.DISTROLESS)).isGreaterThan(tiers.indexOf(Tier.SLIM));
        assertThat(plan.variant(Tier.DISTROLESS).orElseThrow().custom()).isTrue();
    }

    @Test
    void anInvalidUserImageIsAClearError() throws Exception {
        write("FROM python:3.12\n");
        assertThatThrownBy(() -> planner.plan(new PlanRequest(dir, null, Map.of(), null,
                Map.of(Tier.SLIM, "Bad Image"), List.of(), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the image for slim ('Bad Image') is not a valid reference");
    }

    @Test
    void tiersCanBeRestrictedButTheOriginalStays() throws Exception {
        write("FROM python:3.12\n");
        Plan plan = planner.plan(new PlanRequest(dir, null, Map.of(), null, Map.of(), List.of(), Set.of(Tier.SLIM)));
        assertThat(plan.variants()).extracting(Variant::tier).containsExactly(Tier.FULL, Tier.SLIM);
    }

    @Test
    void buildArgsAndTargetChooseTheBase() throws Exception {
        write("ARG PY=3.11\nFROM python:${PY} AS app\nFROM node:22 AS web\n");
        Plan plan = planner.plan(new PlanRequest(dir, null, Map.of("PY", "3.13"), "app", Map.of(), List.of(), null));
        assertThat(plan.base().ref()).isEqualTo("python:3.13");
        assertThat(plan.variant(Tier.SLIM).orElseThrow().dockerfile()).startsWith("ARG PY=3.11\nFROM python:${PY}-slim");
    }

    @Test
    void aBadDockerfileNamesFileAndLine() throws IOException {
        write("FROM python:3.12\nRUN true\nFROBNICATE now\n");
        assertThatThrownBy(() -> planner.plan(PlanRequest.of(dir)))
                .isInstanceOf(DockerfileException.class)
                .hasMessageStartingWith("Dockerfile:3: ");
    }

    @Test
    void anInvalidBaseReferenceIsReportedAtItsFromLine() throws IOException {
        write("# base\nFROM Python:3.12\n");
        assertThatThrownBy(() -> planner.plan(PlanRequest.of(dir)))
                .isInstanceOf(DockerfileException.class)
                .hasMessageStartingWith("Dockerfile:2: invalid base image reference 'Python:3.12'");
    }

    @Test
    void aFolderWithoutDockerfileSaysWhereItLooked() {
        assertThatThrownBy(() -> planner.plan(PlanRequest.of(dir)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no Dockerfile found").hasMessageContaining("Containerfile");
    }

    @Test
    void planningNeverWritesTheProjectFolder() throws Exception {
        Path sample = SampleProject.extractTo(dir.resolve("sample"));
        Map<String, String> before = FolderSnapshot.of(sample);
        planner.plan(PlanRequest.of(sample));
        assertThat(FolderSnapshot.of(sample)).isEqualTo(before);
    }

    private Path write(String dockerfile) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        return dir;
    }
}
