package dev.baseshift.engine;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildContextTest {

    @TempDir
    Path project;

    record Entry(TarArchiveEntry header, String text) {}

    static Map<String, Entry> read(InputStream stream) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(stream)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String text = entry.isFile() && entry.getSize() < 10_000
                        ? new String(tar.readAllBytes(), StandardCharsets.UTF_8) : null;
                entries.put(entry.getName(), new Entry(entry, text));
            }
        }
        return entries;
    }

    @Test
    void honoursDockerignoreAndInjectsTheVariantDockerfile() throws Exception {
        write("app.py", "print('hi')\n");
        write("README.md", "readme\n");
        write("notes.md", "notes\n");
        write("node_modules/left-pad/index.js", "module.exports = 1\n");
        write("docs/keep.md", "keep\n");
        write("docs/drop.md", "drop\n");
        write("Dockerfile", "FROM original\n");
        write(".dockerignore", "*.md\n!README.md\nnode_modules\ndocs\n!docs/keep.md\nDockerfile\n");

        try (BuildContext context = BuildContext.of(project)) {
            Map<String, Entry> tar = read(context.open("FROM slim\n"));
            String injected = context.dockerfilePath("FROM slim\n");
            assertThat(tar.keySet()).contains("app.py", "README.md", "docs/keep.md", ".dockerignore")
                    .doesNotContain("notes.md", "node_modules/", "node_modules/left-pad/index.js", "docs/drop.md",
                            "Dockerfile");
            assertThat(injected).matches("\\.dockerfile\\.[0-9a-f]{20}");
            assertThat(tar.get(injected).text()).isEqualTo("FROM slim\n");
            // the engine drops a file the streamed .dockerignore lists: the project's patterns, then the name
            assertThat(tar.get(".dockerignore").text())
                    .isEqualTo("*.md\n!README.md\nnode_modules\ndocs\n!docs/keep.md\nDockerfile\n\n" + injected + "\n");
            assertThat(context.fileCount()).isEqualTo(4);
            assertThat(context.totalBytes()).isEqualTo(Files.size(project.resolve("app.py"))
                    + Files.size(project.resolve("README.md")) + Files.size(project.resolve("docs/keep.md"))
                    + Files.size(project.resolve(".dockerignore")));
            assertThat(context.warning()).isEmpty();

            // each open() is independent and carries its own Dockerfile; the same text always has the same name
            Map<String, Entry> other = read(context.open("FROM alpine\n"));
            assertThat(other).containsKey(context.dockerfilePath("FROM alpine\n")).doesNotContainKey(injected);
            assertThat(context.dockerfilePath("FROM slim\n")).isEqualTo(injected);
        }
    }

    @Test
    void withoutADockerignoreOneIsSentThatListsItselfAndTheDockerfile() throws Exception {
        write("app.py", "x\n");
        try (BuildContext context = BuildContext.of(project)) {
            String injected = context.dockerfilePath("FROM scratch\n");
            Map<String, Entry> tar = read(context.open("FROM scratch\n"));
            assertThat(tar.keySet()).containsExactly(injected, ".dockerignore", "app.py");
            assertThat(tar.get(".dockerignore").text()).isEqualTo(".dockerignore\n" + injected + "\n");
        }
    }

    @Test
    void theInjectedNameNeverCollidesWithAProjectFile() throws Exception {
        String name;
        try (BuildContext context = BuildContext.of(project)) {
            name = context.dockerfilePath("FROM ours\n");
        }
        write(name, "the user's own\n");
        try (BuildContext context = BuildContext.of(project)) {
            assertThat(context.dockerfilePath("FROM ours\n")).isEqualTo(name + "-2");
            Map<String, Entry> tar = read(context.open("FROM ours\n"));
            assertThat(tar.get(name).text()).isEqualTo("the user's own\n");
            assertThat(tar.get(name + "-2").text()).isEqualTo("FROM ours\n");
        }
    }

    @Test
    void anIgnoreEverythingFileStillLeavesTheDockerfile() throws Exception {
        write("app.py", "x\n");
        write(".dockerignore", "**\n");
        try (BuildContext context = BuildContext.of(project)) {
            assertThat(context.fileCount()).isZero();
            assertThat(read(context.open("FROM scratch\n")).keySet())
                    .containsExactly(context.dockerfilePath("FROM scratch\n"), ".dockerignore");
        }
    }

    @Test
    void theDigestFollowsContentNamesAndModesButNotTimes() throws Exception {
        Path app = write("app.py", "print(1)\n");
        write("big.bin", "x".repeat(4096));
        String first;
        try (BuildContext context = BuildContext.of(project, 1024)) {
            first = context.digest();
        }
        Files.setLastModifiedTime(app, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        assertThat(digest()).as("a touched file").isEqualTo(first);
        write("big.bin", "y".repeat(4096));
        assertThat(digest()).as("a streamed large file's content").isNotEqualTo(first);
        write("big.bin", "x".repeat(4096));
        assertThat(digest()).isEqualTo(first);
        Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(digest()).as("a mode").isNotEqualTo(first);
        Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rw-r--r--"));
        write("app.py", "print(2)\n");
        assertThat(digest()).as("content").isNotEqualTo(first);
        write("app.py", "print(1)\n");
        Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rw-r--r--"));
        String again = digest();
        write(".dockerignore", "notes.txt\n");
        String withIgnore = digest();
        assertThat(withIgnore).as("the .dockerignore is part of the context").isNotEqualTo(again);
        write("notes.txt", "ignored\n");
        assertThat(digest()).as("an ignored file").isEqualTo(withIgnore);
    }

    @Test
    void aContextACrashedOwnerLeftIsSweptAndOthersAreNot() throws Exception {
        write("app.py", "x\n");
        String dead = "dead-" + System.nanoTime();
        String alive = "alive-" + System.nanoTime();
        BuildContext left = BuildContext.of(project, dead); // never closed: its process "died"
        try (BuildContext live = BuildContext.of(project, alive)) {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            try (Stream<Path> files = Files.list(tmp)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .anyMatch(n -> n.startsWith("baseshift-context-" + dead + "-"));
            }
            assertThat(BuildContext.sweep(dead)).isEqualTo(1);
            try (Stream<Path> files = Files.list(tmp)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .noneMatch(n -> n.startsWith("baseshift-context-" + dead + "-"))
                        .anyMatch(n -> n.startsWith("baseshift-context-" + alive + "-"));
            }
            assertThat(read(live.open("FROM scratch\n"))).containsKey("app.py");
            assertThat(BuildContext.sweep("../../etc")).isZero();
        }
        left.close();
    }

    private String digest() throws IOException {
        try (BuildContext context = BuildContext.of(project, 1024)) {
            return context.digest();
        }
    }

    @Test
    void keepsModesAndSymlinksAndSkipsSockets() throws Exception {
        Path script = write("run.sh", "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(project.resolve("link.sh"), Path.of("run.sh"));
        Path socket = project.resolve("app.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            try (BuildContext context = BuildContext.of(project)) {
                Map<String, Entry> tar = read(context.open("FROM scratch\n"));
                assertThat(tar.get("run.sh").header().getMode() & 07777).isEqualTo(0750);
                assertThat(tar.get("link.sh").header().isSymbolicLink()).isTrue();
                assertThat(tar.get("link.sh").header().getLinkName()).isEqualTo("run.sh");
                assertThat(tar).doesNotContainKey("app.sock");
            }
        }
    }

    @Test
    void theProjectFolderIsNeverWritten() throws Exception {
        write("src/app.py", "print(1)\n");
        write(".dockerignore", "*.tmp\n");
        write("cache.tmp", "x");
        String before = fingerprint(project);
        try (BuildContext context = BuildContext.of(project)) {
            read(context.open("FROM slim\n"));
        }
        assertThat(fingerprint(project)).isEqualTo(before);
    }

    @Test
    void aGigabyteFileIsStreamedNotHeldInMemory() throws Exception {
        Path big = project.resolve("big.bin");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(1L << 30); // sparse: costs no disk until the context copies it
        }
        write("app.py", "x\n");
        resetHeapPeaks();
        try (BuildContext context = BuildContext.of(project)) {
            assertThat(context.totalBytes()).isEqualTo((1L << 30) + 2);
            assertThat(context.storedBytes()).as("the temp tar does not copy the large file").isLessThan(10_000);
            assertThat(context.warning()).hasValueSatisfying(w -> assertThat(w)
                    .startsWith("the build context is 1.1 GB in 2 files").contains(".dockerignore"));
            long streamed;
            try (InputStream in = context.open("FROM scratch\n")) {
                streamed = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            assertThat(streamed).isGreaterThan(1L << 30);
        }
        assertThat(Files.size(big)).isEqualTo(1L << 30);
        assertThat(heapPeak()).as("heap used while tarring and streaming 1 GiB").isLessThan(400L << 20);
    }

    @Test
    void largeFilesStreamedFromTheProjectGiveTheSameTar() throws Exception {
        write("a-small.txt", "small\n");
        write("b-large.bin", "L".repeat(5000));
        write("c/" + "long-name-".repeat(12) + ".bin", "P".repeat(3000)); // > 100 chars: a PAX header
        write("d-exact.bin", "E".repeat(1024)); // a whole number of records: no padding
        write("e-last.txt", "last\n");
        Map<String, Entry> copied;
        try (BuildContext context = BuildContext.of(project, Long.MAX_VALUE)) {
            copied = read(context.open("FROM scratch\n"));
        }
        try (BuildContext context = BuildContext.of(project, 1000)) {
            Map<String, Entry> streamed = read(context.open("FROM scratch\n"));
            assertThat(streamed.keySet()).containsExactlyElementsOf(copied.keySet());
            streamed.forEach((name, entry) -> {
                assertThat(entry.text()).as(name).isEqualTo(copied.get(name).text());
                assertThat(entry.header().getSize()).as(name).isEqualTo(copied.get(name).header().getSize());
            });
            assertThat(streamed.get("b-large.bin").text()).hasSize(5000);
            assertThat(context.totalBytes()).isEqualTo(6 + 5000 + 3000 + 1024 + 5);
        }
    }

    @Test
    void aLargeFileChangedDuringTheComparisonIsAClearError() throws Exception {
        Path large = write("large.bin", "x".repeat(5000));
        try (BuildContext context = BuildContext.of(project, 1000)) {
            Files.writeString(large, "shorter");
            assertThatThrownBy(() -> read(context.open("FROM scratch\n")))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("large.bin changed while the comparison ran");
        }
    }

    @Test
    void aGigabyteFileExcludedByDockerignoreCostsNothing() throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(project.resolve("big.bin").toFile(), "rw")) {
            file.setLength(1L << 30);
        }
        write(".dockerignore", "*.bin\n");
        long start = System.nanoTime();
        try (BuildContext context = BuildContext.of(project)) {
            assertThat(context.totalBytes()).isLessThan(100);
            assertThat(read(context.open("FROM scratch\n"))).doesNotContainKey("big.bin");
        }
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(2);
    }

    @Test
    void aBadDockerignoreIsReportedWithItsLine() throws Exception {
        write(".dockerignore", "ok\nbad[\n");
        assertThatThrownBy(() -> BuildContext.of(project)).isInstanceOf(IOException.class)
                .hasMessageEndingWith(".dockerignore:2: bad pattern 'bad['");
    }

    @Test
    void aClosedContextCannotBeOpened() throws Exception {
        BuildContext context = BuildContext.of(project);
        context.close();
        assertThatThrownBy(() -> context.open("FROM scratch\n")).isInstanceOf(IOException.class);
    }

    private Path write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    static String fingerprint(Path dir) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted().toList()) {
                digest.update((dir.relativize(p) + "|" + Files.getLastModifiedTime(p) + "|").getBytes());
                if (Files.isRegularFile(p)) {
                    digest.update(Files.readAllBytes(p));
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void resetHeapPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
