package dev.baseshift.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baseshift.advice.PackageTable;
import dev.baseshift.catalog.BaseTraits;
import dev.baseshift.catalog.Tier;
import dev.baseshift.dockerfile.DockerfileParser;
import dev.baseshift.dockerfile.Instruction;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepairerTest {
    private static final BaseTraits SLIM = RepairCases.traits(Tier.SLIM, new ObjectMapper().missingNode());
    private static final BaseTraits ALPINE = RepairCases.traits(Tier.ALPINE, new ObjectMapper().missingNode());
    private static final BaseTraits DISTROLESS = RepairCases.traits(Tier.DISTROLESS, new ObjectMapper().missingNode());
    private static final BaseTraits SCRATCH = RepairCases.traits(Tier.SCRATCH, new ObjectMapper().missingNode());

    private static RepairPatch patch(String text, Tier tier, BaseTraits traits, String original, ImageFiles files,
                                     Diagnosis... diagnoses) throws Exception {
        return Repairer.patch(RepairRequest.of("Dockerfile." + tier.id(), text, tier, traits, original,
                List.of(diagnoses), files));
    }

    private static Diagnosis missing(Diagnosis.Kind kind, String what, Diagnosis.Provider p) {
        return new Diagnosis(kind, "evidence for " + what, what, p, 0, null);
    }

    private static List<String> runs(String dockerfile) throws Exception {
        return DockerfileParser.parse("x", dockerfile).instructions().stream()
                .filter(i -> i.keyword().equals("RUN")).map(Instruction::arguments).toList();
    }

    @Test
    void slimMergesTheOwningPackageIntoTheDockerfilesOwnInstall() throws Exception {
        String plain = "FROM python:3.12-slim\n"
                + "RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"
                + "CMD [\"python\"]\n";
        RepairPatch p = patch(plain, Tier.SLIM, SLIM, "python:3.12", null, missing(Diagnosis.Kind.MISSING_SHARED_LIBRARY,
                "libpq.so.5", new Diagnosis.Provider("/usr/lib/x86_64-linux-gnu/libpq.so.5", "libpq5", "dpkg", "15.5")));
        assertEquals(List.of("apt-get update && apt-get install -y --no-install-recommends curl libpq5 && rm -rf "
                + "/var/lib/apt/lists/*"), runs(p.dockerfile()));
        assertEquals(1, p.hunks().size());
        assertEquals(2, p.hunks().get(0).line());
        assertTrue(p.hunks().get(0).reason().contains("libpq5"), p.hunks().get(0).reason());
        assertTrue(p.unresolved().isEmpty());
    }

    @Test
    void slimWithoutAnInstallGetsOneNewRunRightAfterTheBaseFrom() throws Exception {
        String plain = "FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM bsfixture/py:slim\nCOPY app.py /\n"
                + "CMD [\"python3\", \"/app.py\"]\n";
        RepairPatch p = patch(plain, Tier.SLIM, SLIM, "bsfixture/py:full", null, missing(
                Diagnosis.Kind.MISSING_PYTHON_MODULE, "numpy", new Diagnosis.Provider(
                        "/usr/lib/python3/dist-packages/numpy/__init__.py", "python3-numpy", "dpkg", "1:1.24.2-1")));
        List<String> lines = p.dockerfile().lines().toList();
        assertEquals("FROM bsfixture/py:slim", lines.get(3));
        assertEquals("RUN apt-get update && apt-get install -y --no-install-recommends python3-numpy"
                + " && rm -rf /var/lib/apt/lists/*", lines.get(4));
        assertEquals("RUN go build -o /app .", lines.get(1), "the builder stage on another image is left alone");
        assertTrue(p.diff().contains("+RUN apt-get update && apt-get install -y --no-install-recommends python3-numpy"),
                p.diff());
    }

    @Test
    void anAptNameWithoutAlpineMappingIsUnresolvedNotKeptSilently() throws Exception {
        String plain = "FROM python:3.12-alpine\nRUN apt-get update && apt-get install -y libsystemd-dev curl\n";
        RepairPatch p = patch(plain, Tier.ALPINE, ALPINE, "python:3.12", null);
        assertEquals(List.of("no Alpine package known for libsystemd-dev (line 2)"), p.unresolved());
        assertEquals(List.of("apk add --no-cache libsystemd-dev curl"), runs(p.dockerfile()));
        assertTrue(p.hunks().get(0).reason().contains("keeps libsystemd-dev"), p.hunks().get(0).reason());
    }

    @Test
    void glibcBinaryOnMuslGetsGcompatMergedIntoTheTranslatedInstall() throws Exception {
        String plain = "FROM alpine:3.20\nRUN apt-get update && apt-get install -y ca-certificates\n"
                + "COPY agent /usr/local/bin/agent\n";
        RepairPatch p = patch(plain, Tier.ALPINE, ALPINE, "debian:bookworm", null,
                missing(Diagnosis.Kind.GLIBC_ON_MUSL, "/usr/local/bin/agent", null));
        assertEquals(List.of("apk add --no-cache ca-certificates gcompat"), runs(p.dockerfile()));
    }

    @Test
    void gcompatOnlyHelpsOnMusl() throws Exception {
        RepairPatch p = patch("FROM debian:bookworm-slim\n", Tier.SLIM, SLIM, "debian:bookworm", null,
                missing(Diagnosis.Kind.GLIBC_ON_MUSL, "/bin/x", null));
        assertFalse(p.changes());
        assertEquals(1, p.unresolved().size());
    }

    @Test
    void pipPinComesFromTheOriginalsDistInfo() throws Exception {
        String site = "/usr/local/lib/python3.12/site-packages";
        ImageFiles files = new ImageFiles("sha256:orig", Map.of(
                site + "/numpy/__init__.py", file(site + "/numpy/__init__.py")),
                List.of(new InstalledPackage("numpy", "1.26.4", InstalledPackage.Manager.PIP,
                        List.of(site + "/numpy/__init__.py", site + "/numpy-1.26.4.dist-info/RECORD"), List.of("numpy"))),
                Map.of());
        String plain = "FROM python:3.12-slim\nCOPY . /app\nCMD [\"python\", \"/app/main.py\"]\n";
        // the diagnosis knows only the module; the index knows the distribution and its version
        RepairPatch p = patch(plain, Tier.SLIM, SLIM, "python:3.12", files,
                missing(Diagnosis.Kind.MISSING_PYTHON_MODULE, "numpy.linalg", null));
        assertEquals(List.of("pip install --no-cache-dir numpy==1.26.4"), runs(p.dockerfile()));
        assertTrue(p.hunks().get(0).reason().contains("numpy==1.26.4"));
        // given a path only, the owner of that path is found
        RepairPatch q = patch(plain, Tier.SLIM, SLIM, "python:3.12", files, missing(
                Diagnosis.Kind.MISSING_PYTHON_MODULE, "numpy", new Diagnosis.Provider(site + "/numpy/__init__.py",
                        null, null, null)));
        assertEquals(List.of("pip install --no-cache-dir numpy==1.26.4"), runs(q.dockerfile()));
    }

    @Test
    void pipGoesAfterTheStepsAndBeforeTheUserSwitchAndIntoAVenvWhenTheOriginalHadOne() throws Exception {
        String plain = "FROM python:3.12-slim\nRUN python -m venv /opt/venv\nCOPY . /app\nUSER nobody\n"
                + "RUN /opt/venv/bin/pip install -r /app/requirements.txt\nCMD [\"/opt/venv/bin/python\", \"/app/m.py\"]\n";
        RepairPatch p = patch(plain, Tier.SLIM, SLIM, "python:3.12", null, missing(Diagnosis.Kind.MISSING_PYTHON_MODULE,
                "yaml", new Diagnosis.Provider("/opt/venv/lib/python3.12/site-packages/yaml/__init__.py", "PyYAML",
                        "pip", "6.0.1")));
        List<String> lines = p.dockerfile().lines().toList();
        assertEquals("RUN /opt/venv/bin/pip install --no-cache-dir PyYAML==6.0.1", lines.get(3));
        assertEquals("USER nobody", lines.get(4));
    }

    @Test
    void npmModuleComesBackInItsVersionWhereTheAppHadIt() throws Exception {
        String plain = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"index.js\"]\n";
        RepairPatch p = patch(plain, Tier.SLIM, SLIM, "node:20", null, missing(Diagnosis.Kind.MISSING_NODE_MODULE,
                "left-pad", new Diagnosis.Provider("/app/node_modules/left-pad/package.json", "left-pad", "npm",
                        "1.3.0")));
        assertEquals("npm install --no-save --prefix /app left-pad@1.3.0", runs(p.dockerfile()).get(1));
    }

    @Test
    void aDebianPythonPackageOnAlpineIsItsAlpineName() throws Exception {
        RepairPatch p = patch("FROM alpine:3.20\nCOPY app.py /\n", Tier.ALPINE, ALPINE, "bsfixture/py:full", null,
                missing(Diagnosis.Kind.MISSING_PYTHON_MODULE, "numpy", new Diagnosis.Provider(
                        "/usr/lib/python3/dist-packages/numpy/__init__.py", "python3-numpy", "dpkg", null)));
        assertEquals(List.of("apk add --no-cache py3-numpy"), runs(p.dockerfile()));
    }

    @Test
    void compileFailureOnAlpineAddsToolchainHeadersAndTheNativeLibrariesBuildDeps() throws Exception {
        String plain = "FROM python:3.12-alpine\nRUN pip install --no-cache-dir lxml==5.2.1\n";
        RepairPatch p = patch(plain, Tier.ALPINE, ALPINE, "python:3.12", null,
                new Diagnosis(Diagnosis.Kind.COMPILE_FAILURE, "fatal error: Python.h: No such file or directory",
                        "Python.h", null, 2, null));
        assertEquals("apk add --no-cache build-base musl-dev python3-dev libxml2-dev libxslt-dev",
                runs(p.dockerfile()).get(0));
    }

    @Test
    void distrolessIsRestructuredIntoABuilderOnTheOriginalAndARuntimeThatCopiesSitePackagesFromTheIndex()
            throws Exception {
        String site = "/usr/local/lib/python3.12/site-packages";
        ImageFiles files = new ImageFiles("sha256:orig", Map.of(), List.of(new InstalledPackage("flask", "3.0.3",
                InstalledPackage.Manager.PIP, List.of(site + "/flask/__init__.py", site + "/flask-3.0.3.dist-info/RECORD"),
                List.of("flask"))), Map.of());
        String plain = "FROM gcr.io/distroless/python3-debian12\nWORKDIR /app\nCOPY . .\n"
                + "RUN pip install -r requirements.txt\nUSER nonroot\nCMD python3 app.py\n";
        RepairPatch p = patch(plain, Tier.DISTROLESS, DISTROLESS, "python:3.12", files,
                new Diagnosis(Diagnosis.Kind.NO_SHELL, "/bin/sh: no such file", "", null, 4, null));
        String expected = "FROM python:3.12 AS baseshift-build\nWORKDIR /app\nCOPY . .\n"
                + "RUN pip install -r requirements.txt\nUSER nonroot\nCMD python3 app.py\n\n"
                + "FROM gcr.io/distroless/python3-debian12\n"
                + "COPY --from=baseshift-build /app /app\n"
                + "COPY --from=baseshift-build " + site + " " + site + "\n"
                + "ENV PYTHONPATH=" + site + "\n"
                + "WORKDIR /app\nUSER nonroot\nCMD [\"python3\",\"app.py\"]\n";
        assertEquals(expected, p.dockerfile());
        assertTrue(p.unresolved().isEmpty(), p.unresolved().toString());
        assertEquals(2, DockerfileParser.parse("x", p.dockerfile()).instructions().stream()
                .filter(i -> i.keyword().equals("FROM")).count());
    }

    @Test
    void theBuilderStageNameNeverClashes() throws Exception {
        String plain = "FROM golang:1.22 AS baseshift-build\nRUN true\nFROM gcr.io/distroless/static\n"
                + "COPY --from=baseshift-build /out /out\nENTRYPOINT [\"/out/app\"]\n";
        RepairPatch p = patch(plain, Tier.DISTROLESS, DISTROLESS, "alpine:3.20", null);
        assertTrue(p.dockerfile().contains("FROM alpine:3.20 AS baseshift-build-2\n"), p.dockerfile());
        assertTrue(p.dockerfile().contains("COPY --from=baseshift-build-2 /out /out\n"), p.dockerfile());
    }

    @Test
    void scratchGetsTheSharedLibrariesTheLoaderAndTheCaBundleFromTheElfIndex() throws Exception {
        Map<String, FileEntry> f = new HashMap<>();
        for (String path : List.of("/usr/local/bin/app", "/usr/lib/x86_64-linux-gnu/libssl.so.3",
                "/usr/lib/x86_64-linux-gnu/libcrypto.so.3", "/lib/x86_64-linux-gnu/libc.so.6",
                "/lib64/ld-linux-x86-64.so.2", "/etc/ssl/certs/ca-certificates.crt")) {
            f.put(path, file(path));
        }
        Map<String, ElfInfo> elf = Map.of(
                "/usr/local/bin/app", new ElfInfo("/usr/local/bin/app", true, "x86-64", "/lib64/ld-linux-x86-64.so.2",
                        List.of("libssl.so.3", "libc.so.6"), null),
                "/usr/lib/x86_64-linux-gnu/libssl.so.3", new ElfInfo("/usr/lib/x86_64-linux-gnu/libssl.so.3", true,
                        "x86-64", null, List.of("libcrypto.so.3", "libc.so.6"), "libssl.so.3"));
        ImageFiles files = new ImageFiles("sha256:orig", f, List.of(), elf);
        String plain = "FROM scratch\nCOPY app /usr/local/bin/app\nUSER 65532\nENTRYPOINT [\"/usr/local/bin/app\"]\n";
        RepairPatch p = patch(plain, Tier.SCRATCH, SCRATCH, "debian:bookworm-slim", files);
        String runtime = p.dockerfile().substring(p.dockerfile().indexOf("FROM scratch"));
        for (String path : List.of("/usr/local/bin/app", "/lib64/ld-linux-x86-64.so.2",
                "/usr/lib/x86_64-linux-gnu/libssl.so.3", "/usr/lib/x86_64-linux-gnu/libcrypto.so.3",
                "/lib/x86_64-linux-gnu/libc.so.6", "/etc/ssl/certs/ca-certificates.crt")) {
            assertTrue(runtime.contains("COPY --from=baseshift-build " + path + " " + path + "\n"), path + "\n" + runtime);
        }
        assertFalse(runtime.contains("/etc/passwd"), "a numeric USER needs no passwd");

        RepairPatch d = patch(plain.replace("FROM scratch", "FROM gcr.io/distroless/base-debian12"), Tier.DISTROLESS,
                DISTROLESS, "debian:bookworm-slim", files);
        assertTrue(d.dockerfile().contains("libssl.so.3 /usr/lib"), d.dockerfile());
        assertFalse(d.dockerfile().contains("libc.so.6"), "distroless has its own glibc");
        assertFalse(d.dockerfile().contains("ca-certificates.crt"), "distroless has CA certificates");
    }

    @Test
    void scratchWithANamedUserCopiesTheAccounts() throws Exception {
        String plain = "FROM scratch\nRUN useradd app\nCOPY app /app\nUSER app\nENTRYPOINT [\"/app\"]\n";
        RepairPatch p = patch(plain, Tier.SCRATCH, SCRATCH, "debian:bookworm-slim", null);
        assertTrue(p.dockerfile().contains("COPY --from=baseshift-build /etc/passwd /etc/group /etc/\nUSER app\n"),
                p.dockerfile());
    }

    @Test
    void aShellFormCommandThatNeedsAShellIsReported() throws Exception {
        String plain = "FROM gcr.io/distroless/python3-debian12\nCOPY . /app\nCMD python3 /app/a.py && echo done\n";
        RepairPatch p = patch(plain, Tier.DISTROLESS, DISTROLESS, "python:3.12", null);
        assertEquals(1, p.unresolved().size());
        assertTrue(p.unresolved().get(0).contains("needs a shell"), p.unresolved().get(0));
    }

    @Test
    void aBaseWithAnotherPackageManagerIsNotGuessedAt() throws Exception {
        BaseTraits rpm = new BaseTraits(true, "dnf", "glibc", true, true, List.of("root"), null);
        RepairPatch p = patch("FROM fedora:40\n", Tier.SLIM, rpm, "fedora:40", null,
                missing(Diagnosis.Kind.MISSING_EXECUTABLE, "curl", null));
        assertFalse(p.changes());
        assertTrue(p.unresolved().get(0).contains("not dnf"), p.unresolved().get(0));
    }

    @Test
    void windowsLineEndingsStayWindowsLineEndings() throws Exception {
        String plain = "FROM python:3.12-slim\r\nCOPY . /app\r\n";
        RepairPatch p = patch(plain, Tier.SLIM, SLIM, "python:3.12", null,
                missing(Diagnosis.Kind.MISSING_CA_CERTIFICATES, "", null));
        assertEquals("FROM python:3.12-slim\r\nRUN apt-get update && apt-get install -y --no-install-recommends "
                + "ca-certificates && rm -rf /var/lib/apt/lists/*\r\nCOPY . /app\r\n", p.dockerfile());
    }

    @Test
    void theDiffIsUnifiedWithReasonsInTheHunkHeaders() {
        String a = "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\nl12\n";
        String b = "l1\nL2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\nl12\nl13\n";
        String diff = LineDiff.unified("a", "b", a, b, Map.of(2, List.of("why two"), 12, List.of("why end")));
        assertEquals("--- a\n+++ b\n"
                + "@@ -1,5 +1,5 @@ why two\n l1\n-l2\n+L2\n l3\n l4\n l5\n"
                + "@@ -10,3 +10,4 @@ why end\n l10\n l11\n l12\n+l13\n", diff);
    }

    @Test
    void theDebianToAlpineTableHasOver150RowsAndEachAptNameMapsToItsOwnRow() throws Exception {
        JsonNode rows;
        try (InputStream in = PackageTable.class.getResourceAsStream("packages.json")) {
            rows = new ObjectMapper().readTree(in).path("packages");
        }
        int both = 0;
        for (JsonNode r : rows) {
            if (!r.has("apt") || !r.has("apk")) continue;
            both++;
            String apt = r.get("apt").asText();
            String apk = r.get("apk").asText().trim();
            Optional<List<String>> m = PackageTable.bundled().namesFor(apt, "apk");
            assertTrue(m.isPresent(), apt);
            assertEquals(apk.isEmpty() ? List.of() : List.of(apk.split(" +")), m.get(), apt);
        }
        assertTrue(both >= 150, "only " + both + " Debian→Alpine rows");
        assertEquals(Optional.of(List.of("build-base")), PackageTable.bundled().namesFor("build-essential", "apk"));
        assertEquals(Optional.of(List.of("postgresql-dev")), PackageTable.bundled().namesFor("libpq-dev", "apk"));
        assertEquals(Optional.of(List.of("openssl-dev")), PackageTable.bundled().namesFor("libssl-dev", "apk"));
    }

    private static FileEntry file(String path) {
        return new FileEntry(path, FileEntry.Type.FILE, 100, 0644, null, 0);
    }
}
