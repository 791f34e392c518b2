package dev.baseshift.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.baseshift.e2e.CompareCommandTest.baseshift;
import static dev.baseshift.e2e.CompareCommandTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real implicit dependencies on the real engine, one per kind the repair must handle: each project's original works
 * on the full fixture, the slimmer variant breaks, {@code compare --repair} diagnoses why from evidence and — where a
 * fix exists — proves it by a rebuild that passes every probe. Builds that install packages use the host network
 * (Debian's mirror), as a user behind a proxy would with {@code --build-network host}.
 */
@Tag("engine")
class RepairCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A program built against libgfortran in a build stage runs on full (numpy brings the library) but not on slim. */
    @Test
    void aProgramLinkedToALibraryOnlyTheFullBaseHasGetsItsDebianPackage() throws Exception {
        Path dir = project("shared-lib", Map.of("Dockerfile", """
                FROM bsfixture/py:full AS build
                COPY norm.c /src/norm.c
                RUN gcc -O2 -o /usr/local/bin/norm /src/norm.c /usr/lib/x86_64-linux-gnu/libgfortran.so.5
                FROM bsfixture/py:full
                COPY --from=build /usr/local/bin/norm /usr/local/bin/norm
                CMD ["/usr/local/bin/norm"]
                """, "norm.c", """
                #include <stdio.h>
                extern void _gfortran_set_args(int, char **);
                int main(int argc, char **argv) { _gfortran_set_args(argc, argv); puts("norm ok"); return 0; }
                """, ".baseshift.json", config("slim", "\"/usr/local/bin/norm\"")));

        JsonNode slim = variant(compare(dir), "slim");

        JsonNode d = diagnosis(slim, "missing-shared-library");
        assertThat(d.path("missing").asText()).isEqualTo("libgfortran.so.5");
        assertThat(d.path("evidence").asText()).contains("error while loading shared libraries: libgfortran.so.5");
        assertThat(d.path("providedBy").path("package").asText()).isEqualTo("libgfortran5");
        assertThat(d.path("providedBy").path("manager").asText()).isEqualTo("dpkg");
        assertProven(slim, "apt-get install -y --no-install-recommends libgfortran5");
    }

    /** The app's entrypoint needs make: full has it, slim does not (exit 127). */
    @Test
    void aMissingExecutableIsInstalledFromThePackageThatOwnsItInTheOriginal() throws Exception {
        Path dir = project("missing-exe", Map.of("Dockerfile", """
                FROM bsfixture/py:full
                WORKDIR /app
                COPY Makefile ./
                CMD ["make", "-s", "check"]
                """, "Makefile", "check:\n\t@echo made\n", ".baseshift.json",
                config("slim", "\"make -s -C /app check\"")));

        JsonNode slim = variant(compare(dir), "slim");

        JsonNode d = diagnosis(slim, "missing-executable");
        assertThat(d.path("missing").asText()).isEqualTo("make");
        assertThat(d.path("providedBy").path("path").asText()).isEqualTo("/usr/bin/make");
        assertThat(d.path("providedBy").path("package").asText()).isEqualTo("make");
        assertProven(slim, "--no-install-recommends make");
    }

    /**
     * The original installs a dependency with apt in a RUN; distroless has no shell to run it: the repair restructures
     * into a builder stage on the original base and a distroless runtime that copies the installed module and its
     * C library.
     */
    @Test
    void aDistrolessVariantWhoseOriginalInstallsInARunBecomesABuilderStageAndPasses() throws Exception {
        Path dir = project("distroless-yaml", Map.of("Dockerfile", """
                FROM bsfixture/py:full
                RUN apt-get update && apt-get install -y --no-install-recommends python3-yaml \\
                    && rm -rf /var/lib/apt/lists/*
                WORKDIR /app
                COPY app.py ./
                CMD ["python3", "/app/app.py"]
                """, "app.py", """
                import yaml, numpy
                from yaml import CLoader
                print(yaml.load("a: [1, 2]", Loader=CLoader)["a"], numpy.__version__)
                """, ".baseshift.json", config("distroless", "\"python3 /app/app.py\"")));

        JsonNode distroless = variant(compare(dir), "distroless");

        assertThat(distroless.path("status").asText()).isEqualTo("build-failed");
        assertThat(diagnosis(distroless, "no-shell").path("line").asInt()).isEqualTo(2);
        String fixed = assertProven(distroless, "FROM bsfixture/py:full AS baseshift-build");
        assertThat(fixed).contains("FROM bsfixture/py:distroless").contains("COPY --from=baseshift-build /app /app").contains("/usr/lib/python3/dist-packages/yaml")
                .contains("libyaml-0.so.2");
    }

    /** A static C program built by the original, run on scratch: restructured, with the CA bundle it reads. */
    @Test
    void aStaticBinaryOnScratchIsBuiltInABuilderStageAndGetsTheCaBundle() throws Exception {
        Path dir = project("scratch-static", Map.of("Dockerfile", """
                FROM bsfixture/py:full
                RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \\
                    && rm -rf /var/lib/apt/lists/*
                COPY certs.c /src/certs.c
                RUN gcc -static -O2 -o /usr/local/bin/certs /src/certs.c
                CMD ["/usr/local/bin/certs"]
                """, "certs.c", """
                #include <stdio.h>
                #include <string.h>
                int main(void) {
                    FILE *f = fopen("/etc/ssl/certs/ca-certificates.crt", "r");
                    if (!f) { perror("/etc/ssl/certs/ca-certificates.crt"); return 2; }
                    char line[256]; int n = 0;
                    while (fgets(line, sizeof line, f)) if (strstr(line, "BEGIN CERTIFICATE")) n++;
                    printf("%d certificates\\n", n);
                    return n > 0 ? 0 : 3;
                }
                """, ".baseshift.json", config("scratch", "\"/usr/local/bin/certs\"")));

        JsonNode result = compare(dir);
        JsonNode scratch = variant(result, "scratch");

        String fixed = assertProven(scratch, "FROM scratch");
        assertThat(fixed).contains("AS baseshift-build").contains("/usr/local/bin/certs")
                .contains("/etc/ssl/certs/ca-certificates.crt");
        // scratch downloads nothing of its own: the repaired variant's pull size is its layers, compressed
        JsonNode fix = variant(result, "scratch+fix");
        assertThat(fix.path("pullBytes").asLong()).isPositive().isLessThan(fix.path("sizeBytes").asLong());
    }

    /** A glibc program on the busybox+musl fixture: "not found" although the file is there — glibc-on-musl. */
    @Test
    void aGlibcBinaryOnTheMuslFixtureIsDiagnosedAsGlibcOnMusl() throws Exception {
        Path dir = project("glibc-musl", Map.of("Dockerfile", """
                FROM bsfixture/py:full AS build
                COPY hello.c /src/hello.c
                RUN gcc -O2 -o /hello /src/hello.c
                FROM bsfixture/py:full
                COPY --from=build /hello /usr/local/bin/hello
                CMD ["/usr/local/bin/hello"]
                """, "hello.c", "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n",
                ".baseshift.json", """
                {"bases": {"full": "bsfixture/py:full", "alpine": "bsfixture/tiny:musl"},
                 "tiers": ["alpine"], "probes": ["/usr/local/bin/hello"], "buildNetwork": "host"}
                """));

        JsonNode alpine = variant(compare(dir), "alpine");

        JsonNode d = diagnosis(alpine, "glibc-on-musl");
        assertThat(d.path("missing").asText()).contains("/usr/local/bin/hello");
        assertThat(d.path("evidence").asText()).isNotBlank();
        // the musl fixture has no package manager for gcompat: said, not pretended
        JsonNode repair = alpine.path("repair");
        assertThat(repair.path("proven").asBoolean()).isFalse();
        assertThat(repair.path("verdict").asText()).startsWith("not repaired");
    }

    /**
     * The pip path for real: the full base carries a distribution pip installed from the company's index (a PyPI-style
     * simple index on 127.0.0.1 serving a wheel this test builds); slim lacks it. The repair installs the very
     * distribution and version the original's dist-info names, from the same index, in a host-network build.
     */
    @Test
    void aPipDistributionOfTheOriginalIsInstalledAtItsVersionFromALocalIndex() throws Exception {
        try (LocalPypi index = LocalPypi.serving("bshello", "1.0", "VERSION = '1.0'\n")) {
            String id = unique("bsrepair-pipbase");
            String pip = "RUN apt-get update && apt-get install -y --no-install-recommends python3-pip"
                    + " && rm -rf /var/lib/apt/lists/*\nENV PIP_INDEX_URL=" + index.url() + "\n";
            DockerCli.buildHost(id + ":full", "FROM bsfixture/py:full\n" + pip
                    + "RUN pip install --no-cache-dir --break-system-packages bshello==1.0\n");
            DockerCli.buildHost(id + ":slim", "FROM bsfixture/py:slim\n" + pip);
            try {
                Path dir = project("pip", Map.of("Dockerfile", "FROM " + id + ":full\nWORKDIR /app\nCOPY app.py ./\n"
                        + "CMD [\"python3\", \"/app/app.py\"]\n", "app.py", "import bshello\nprint(bshello.VERSION)\n",
                        ".baseshift.json", "{\"bases\": {\"full\": \"" + id + ":full\", \"slim\": \"" + id + ":slim\"},"
                                + " \"tiers\": [\"slim\"], \"probes\": [\"python3 /app/app.py\"], \"buildNetwork\": \"host\"}"));
                int before = index.downloads();

                JsonNode slim = variant(compare(dir), "slim");

                JsonNode d = diagnosis(slim, "missing-python-module");
                assertThat(d.path("missing").asText()).isEqualTo("bshello");
                assertThat(d.path("providedBy").path("manager").asText()).isEqualTo("pip");
                assertThat(d.path("providedBy").path("package").asText()).isEqualTo("bshello");
                assertThat(d.path("providedBy").path("version").asText()).isEqualTo("1.0");
                assertThat(d.path("providedBy").path("path").asText()).contains("/dist-packages/bshello");
                assertProven(slim, "pip install --no-cache-dir --break-system-packages bshello==1.0");
                assertThat(index.downloads()).as("the repaired build fetched the wheel from the index")
                        .isGreaterThan(before);
            } finally {
                DockerCli.docker("rmi", id + ":full", id + ":slim");
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private Path project(String name, Map<String, String> files) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(unique("bsrepair-" + name)));
        for (var f : files.entrySet()) Files.writeString(dir.resolve(f.getKey()), f.getValue());
        return dir;
    }

    /** Compares the one tier with the given probe against bsfixture/py, builds on the host network. */
    private static String config(String tier, String probeJson) {
        return "{\"bases\": {\"full\": \"bsfixture/py:full\", \"slim\": \"bsfixture/py:slim\","
                + " \"distroless\": \"bsfixture/py:distroless\", \"scratch\": \"scratch\"},"
                + " \"tiers\": [\"" + tier + "\"], \"probes\": [" + probeJson + "], \"buildNetwork\": \"host\"}";
    }

    private JsonNode compare(Path dir) throws Exception {
        String before = TestProjects.hash(dir);
        Path json = tmp.resolve(dir.getFileName() + ".json");
        CompareCommandTest.Outcome o = baseshift("compare", dir.toString(), "--repair", "--json", json.toString(),
                "--rm-images");
        assertThat(Files.exists(json)).as(o.err() + o.out()).isTrue();
        // the original passes, nothing of the run stays, the project is untouched
        JsonNode r = JSON.readTree(json.toFile());
        assertThat(r.path("variants").get(0).path("probes"))
                .as(o.out()).allSatisfy(p -> assertThat(p.path("outcome").asText()).isEqualTo("pass"));
        assertThat(DockerCli.labelled("dev.baseshift.project=" + dev.baseshift.plan.Plan.projectKey(dir))).isEmpty();
        assertThat(DockerCli.docker("images", "-q", "baseshift/" + dev.baseshift.plan.Plan.projectKey(dir))).isBlank();
        assertThat(TestProjects.hash(dir)).isEqualTo(before);
        return r;
    }

    private static JsonNode variant(JsonNode result, String label) {
        for (JsonNode v : result.path("variants")) if (v.path("label").asText().equals(label)) return v;
        throw new AssertionError("no variant " + label + " in " + result.toPrettyString());
    }

    private static JsonNode diagnosis(JsonNode variant, String kind) {
        for (JsonNode d : variant.path("diagnoses")) if (d.path("kind").asText().equals(kind)) return d;
        throw new AssertionError("no " + kind + " diagnosis in " + variant.path("diagnoses").toPrettyString()
                + "\nverdict: " + variant.path("repair").path("verdict").asText());
    }

    /** The repair passed every probe of its last attempt and its Dockerfile contains {@code fix}; returns it. */
    private static String assertProven(JsonNode variant, String fix) {
        JsonNode repair = variant.path("repair");
        assertThat(repair.path("proven").asBoolean()).as(repair.path("verdict").asText() + "\n"
                + repair.path("dockerfile").asText()).isTrue();
        JsonNode attempts = repair.path("attempts");
        JsonNode last = attempts.get(attempts.size() - 1);
        assertThat(last.path("status").asText()).isEqualTo("built");
        assertThat(last.path("probes")).isNotEmpty()
                .allSatisfy(p -> assertThat(p.path("outcome").asText()).isEqualTo("pass"));
        assertThat(repair.path("dockerfile").asText()).contains(fix);
        return repair.path("dockerfile").asText();
    }
}
