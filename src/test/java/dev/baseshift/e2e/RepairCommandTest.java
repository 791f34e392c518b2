package dev.baseshift.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.baseshift.e2e.CompareCommandTest.baseshift;
import static dev.baseshift.e2e.CompareCommandTest.csv;
import static dev.baseshift.e2e.CompareCommandTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compare --repair} on the real engine: a failing variant is diagnosed from evidence, patched, rebuilt (its
 * packages installed from Debian's mirror through {@code --network host}) and re-probed; only what passed counts.
 */
@Tag("engine")
class RepairCommandTest {
    @TempDir
    Path tmp;

    @Test
    void slimMissingNumpyIsDiagnosedFromTheOriginalsDpkgDatabasePatchedAndProven() throws Exception {
        Path project = TestProjects.copy("repair-numpy", tmp, unique("repair-numpy"));
        String before = TestProjects.hash(project);
        Path json = tmp.resolve("r.json");
        Path csvFile = tmp.resolve("r.csv");
        Path md = tmp.resolve("r.md");

        CompareCommandTest.Outcome o = baseshift("compare", project.toString(), "--repair", "--json", json.toString(),
                "--csv", csvFile.toString(), "--md", md.toString(), "--rm-images");

        assertThat(o.exit()).as(o.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.path("recommendation").path("label").asText()).isEqualTo("slim+fix");
        assertThat(r.path("recommendation").path("repaired").asBoolean()).isTrue();
        JsonNode variants = r.path("variants");
        assertThat(variants).extracting(v -> v.path("label").asText() + ":" + v.path("status").asText())
                .containsExactly("full:built", "slim:built", "slim+fix:built");
        JsonNode slim = variants.get(1);
        JsonNode d = slim.path("diagnoses").get(0);
        assertThat(d.path("kind").asText()).isEqualTo("missing-python-module");
        assertThat(d.path("missing").asText()).isEqualTo("numpy");
        assertThat(d.path("evidence").asText()).isEqualTo("ModuleNotFoundError: No module named 'numpy'");
        assertThat(d.path("providedBy").path("package").asText()).isEqualTo("python3-numpy");
        assertThat(d.path("providedBy").path("manager").asText()).isEqualTo("dpkg");
        assertThat(d.path("providedBy").path("path").asText()).startsWith("/usr/lib/python3/dist-packages/numpy/");
        JsonNode repair = slim.path("repair");
        assertThat(repair.path("proven").asBoolean()).isTrue();
        assertThat(repair.path("dockerfile").asText()).contains("FROM bsfixture/py:slim")
                .containsPattern("apt-get install -y --no-install-recommends [^\\n]*python3-numpy");
        assertThat(repair.path("patch").asText()).contains("+++ Dockerfile.slim (repaired)").contains("+RUN apt-get");
        assertThat(repair.path("attempts")).hasSize(1);
        JsonNode attempt = repair.path("attempts").get(0);
        assertThat(attempt.path("status").asText()).isEqualTo("built");
        assertThat(attempt.path("probes")).allSatisfy(p -> assertThat(p.path("outcome").asText()).isEqualTo("pass"));
        // the plain slim failed every numpy probe, the repaired one passes them and is smaller than the original
        assertThat(slim.path("probes")).anySatisfy(p -> assertThat(p.path("outcome").asText()).isEqualTo("fail"));
        JsonNode fixed = variants.get(2);
        assertThat(fixed.path("sizeBytes").asLong()).isLessThan(variants.get(0).path("sizeBytes").asLong())
                .isGreaterThan(slim.path("sizeBytes").asLong());

        assertThat(csv(csvFile)).extracting(c -> c.get(0)).containsExactly("full", "slim", "slim+fix");
        String markdown = Files.readString(md);
        assertThat(markdown).contains("**Recommendation: slim+fix**").contains("### Why slim failed, and the fix that passes")
                .contains("Repair of slim: proven in round 1")
                .contains("```diff");
        assertThat(o.out()).contains("slim+fix").contains("the original has /usr/lib/python3/dist-packages/numpy/");

        // nothing of the run stays: no images of the project, no containers; the project folder is untouched
        // --rm-images: the variants, the repaired ones too, are gone at the end
        assertThat(DockerCli.labelled("dev.baseshift.project=" + dev.baseshift.plan.Plan.projectKey(project))).isEmpty();
        assertThat(DockerCli.docker("images", "-q", "baseshift/" + dev.baseshift.plan.Plan.projectKey(project))).isBlank();
        assertThat(TestProjects.hash(project)).isEqualTo(before);
    }

    @Test
    void aScratchVariantIsRestructuredAndEachRoundLearnsFromTheLast() throws Exception {
        Path project = TestProjects.copy("numpy-app", tmp, unique("repair-scratch"));
        Path json = tmp.resolve("s.json");

        CompareCommandTest.Outcome o = baseshift("compare", project.toString(), "--tiers", "scratch", "--repair",
                "--build-network", "host", "--json", json.toString(), "--rm-images");

        assertThat(o.exit()).as(o.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        JsonNode scratch = r.path("variants").get(1);
        assertThat(scratch.path("status").asText()).isEqualTo("build-failed");
        JsonNode first = scratch.path("diagnoses").get(0);
        assertThat(first.path("kind").asText()).isEqualTo("missing-executable");
        assertThat(first.path("missing").asText()).isEqualTo("python3");
        assertThat(first.path("line").asInt()).isEqualTo(5);
        assertThat(first.path("providedBy").path("manager").asText()).isEqualTo("dpkg");
        JsonNode repair = scratch.path("repair");
        assertThat(repair.path("proven").asBoolean()).as(repair.path("verdict").asText()).isTrue();
        assertThat(repair.path("dockerfile").asText()).contains("FROM bsfixture/py:full AS baseshift-build")
                .contains("COPY --from=baseshift-build /usr/bin/python3 /usr/bin/python3")
                .contains("COPY --from=baseshift-build /lib64/ld-linux-x86-64.so.2");
        int rounds = repair.path("attempts").size();
        assertThat(rounds).isBetween(1, 3);
        if (rounds > 1) {
            // what an earlier round revealed is a diagnosis of its own, and the last round passed
            assertThat(repair.path("attempts").get(0).path("found")).isNotEmpty();
            assertThat(scratch.path("diagnoses").size()).isGreaterThan(1);
        }
        assertThat(r.path("recommendation").path("label").asText()).isEqualTo("scratch+fix");
        JsonNode fixed = r.path("variants").get(2);
        assertThat(fixed.path("label").asText()).isEqualTo("scratch+fix");
        assertThat(fixed.path("sizeBytes").asLong() * 2).isLessThan(r.path("variants").get(0).path("sizeBytes").asLong());
        // --rm-images: the variants, the repaired ones too, are gone at the end
        assertThat(DockerCli.labelled("dev.baseshift.project=" + dev.baseshift.plan.Plan.projectKey(project))).isEmpty();
    }

    @Test
    void aRepairWhoseBuildHasNoNetworkSaysToGiveItOneInsteadOfGuessing() throws Exception {
        Path project = TestProjects.copy("repair-numpy", tmp, unique("repair-nonet"));
        Path json = tmp.resolve("nonet.json");

        // a slim base no earlier build has used, so the engine's layer cache cannot serve the patched apt step
        String slimBase = "bstest/nonet-slim-" + java.util.UUID.randomUUID().toString().substring(0, 8) + ":1";
        Path baseDir = java.nio.file.Files.createDirectories(tmp.resolve("nonet-base"));
        java.nio.file.Files.writeString(baseDir.resolve("Dockerfile"), "FROM bsfixture/py:slim\nLABEL fresh=" + slimBase
                .replace(':', '-') + "\n");
        DockerCli.docker("build", "-q", "-t", slimBase, baseDir.toString());
        CompareCommandTest.Outcome o;
        try {
            o = baseshift("compare", project.toString(), "--repair", "--build-network", "none", "--rm-images",
                    "--base", "slim=" + slimBase, "--json", json.toString());
        } finally {
            DockerCli.docker("image", "rm", "-f", slimBase);
        }

        JsonNode slim = new ObjectMapper().readTree(json.toFile()).path("variants").get(1);
        JsonNode repair = slim.path("repair");
        assertThat(repair.path("proven").asBoolean()).as(o.err()).isFalse();
        assertThat(repair.path("verdict").asText()).startsWith("not repaired: the patched build could not resolve ")
                .endsWith("builds on this engine have no network; compare again with --build-network host "
                        + "(or \"buildNetwork\": \"host\" in .baseshift.json)");
        assertThat(repair.path("attempts")).hasSize(1);
        assertThat(DockerCli.labelled("dev.baseshift.project=" + dev.baseshift.plan.Plan.projectKey(project)))
                .as("--rm-images: nothing of the project stays").isEmpty();
    }
}
