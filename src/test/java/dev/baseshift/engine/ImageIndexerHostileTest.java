package dev.baseshift.engine;

import dev.baseshift.diagnosis.FileEntry;
import dev.baseshift.diagnosis.ImageFiles;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exports no engine would make on its own but an image may carry: paths that climb out, absolute symlinks, hard
 * links across layers, sparse files of 1 and 2 GiB, whiteouts. Indexed safely, from memory only, nothing written.
 */
class ImageIndexerHostileTest {
    @TempDir
    Path cwd;

    /** One layer tar: entries built by the caller. */
    interface Layer {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    static byte[] layer(Layer l) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            l.write(tar);
        }
        return out.toByteArray();
    }

    static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(b.length);
        e.setMode(0644);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
    }

    static void link(TarArchiveOutputStream tar, String name, String target, byte type) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    /** The docker-save layout: manifest.json naming the layers in order, each layer at L/layer.tar. */
    static byte[] export(byte[]... layers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < layers.length; i++) {
                names.append(i == 0 ? "" : ",").append("\"l").append(i).append("/layer.tar\"");
                TarArchiveEntry e = new TarArchiveEntry("l" + i + "/layer.tar");
                e.setSize(layers[i].length);
                tar.putArchiveEntry(e);
                tar.write(layers[i]);
                tar.closeArchiveEntry();
            }
            byte[] manifest = ("[{\"Config\":\"c.json\",\"RepoTags\":[\"hostile:1\"],\"Layers\":[" + names + "]}]")
                    .getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry m = new TarArchiveEntry("manifest.json");
            m.setSize(manifest.length);
            tar.putArchiveEntry(m);
            tar.write(manifest);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    static ImageFiles index(byte[] export) throws EngineException {
        return ImageIndexer.index("hostile:1", "sha256:" + "ab".repeat(32), () -> new ByteArrayInputStream(export));
    }

    @Test
    void pathsThatClimbOutSymlinksAndHardLinksAcrossLayersStayInsideTheIndexAndNothingIsWritten() throws Exception {
        byte[] one = layer(tar -> {
            file(tar, "etc/passwd", "root:x:0:0::/root:/bin/sh\n");
            file(tar, "../../../../tmp/evil", "climbs out");
            file(tar, "app/../../outside", "climbs out too");
            link(tar, "etc/abs", "/etc/passwd", TarArchiveEntry.LF_SYMLINK);
            link(tar, "etc/loop", "/etc/loop", TarArchiveEntry.LF_SYMLINK);
            link(tar, "etc/up", "../../../../etc/passwd", TarArchiveEntry.LF_SYMLINK);
            file(tar, "opt/gone/file", "removed by the next layer");
        });
        byte[] two = layer(tar -> {
            link(tar, "usr/bin/pw", "etc/passwd", TarArchiveEntry.LF_LINK); // a hard link to a file of layer 0
            file(tar, "opt/.wh.gone", "");
        });
        try (Stream<Path> before = Files.list(cwd)) {
            assertThat(before).isEmpty();
        }

        ImageFiles files = index(export(one, two));

        assertThat(files.entries()).extracting(FileEntry::path)
                .allSatisfy(p -> assertThat(p).startsWith("/").doesNotContain(".."))
                .doesNotContain("/tmp/evil", "/outside").contains("/etc/passwd", "/usr/bin/pw");
        assertThat(files.entry("/usr/bin/pw").orElseThrow().type()).isEqualTo(FileEntry.Type.HARDLINK);
        assertThat(files.entry("/usr/bin/pw").orElseThrow().layer()).isEqualTo(1);
        assertThat(files.resolve("/etc/abs").orElseThrow().path()).isEqualTo("/etc/passwd");
        assertThat(files.resolve("/etc/up").orElseThrow().path()).as("a link cannot climb above /")
                .isEqualTo("/etc/passwd");
        assertThat(files.resolve("/etc/loop")).as("a link loop leads nowhere").isEmpty();
        assertThat(files.exists("/opt/gone/file")).as("whited out by the later layer").isFalse();
        assertThat(Path.of("/tmp/evil")).doesNotExist();
        try (Stream<Path> after = Files.list(cwd)) {
            assertThat(after).as("indexing writes nothing").isEmpty();
        }
    }

    @Test
    void aSparseFileOf1GbIsIndexedAtItsApparentSizeWithoutReadingIt() throws Exception {
        long real = 1L << 30;
        // made by GNU tar: `truncate -s 1G data/huge.img; tar --sparse --format=posix -cf layer.tar data` (10 KB)
        byte[] one = resource("sparse-1g-layer.tar");
        Runtime rt = Runtime.getRuntime();
        long heapBefore = rt.totalMemory() - rt.freeMemory();

        ImageFiles files = index(export(one));

        assertThat(files.entry("/data/huge.img").orElseThrow().size()).isEqualTo(real);
        assertThat(files.exists("/data/after")).isTrue();
        long grown = rt.totalMemory() - rt.freeMemory() - heapBefore;
        assertThat(grown).as("no 2 GB buffer").isLessThan(256L << 20);
    }

    /**
     * commons-compress 1.28 parses GNU.sparse.realsize as an int; BaseShift's layer stream hands it zeros for a size of
     * 2 GiB or more and keeps the true one: the file is indexed at its apparent size, the entries after it too.
     */
    @Test
    void aSparseFileOf2GbIsIndexedAtItsApparentSizeToo() throws Exception {
        // made by GNU tar: `truncate -s 2G data/huge.img; tar --sparse --format=posix -cf layer.tar data`
        byte[] one = resource("sparse-2g-layer.tar");
        Runtime rt = Runtime.getRuntime();
        long heapBefore = rt.totalMemory() - rt.freeMemory();

        ImageFiles files = index(export(one));

        assertThat(files.entry("/data/huge.img").orElseThrow().size()).isEqualTo(2L << 30);
        assertThat(files.entry("/data/after").orElseThrow().size()).isEqualTo(3);
        long grown = rt.totalMemory() - rt.freeMemory() - heapBefore;
        assertThat(grown).as("no 2 GB buffer").isLessThan(256L << 20);
        try (Stream<Path> after = Files.list(cwd)) {
            assertThat(after).isEmpty();
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (var in = ImageIndexerHostileTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void anExportWithoutAManifestIsAClearError() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            file(tar, "junk.txt", "not an image");
        }
        byte[] bytes = out.toByteArray();
        assertThatThrownBy(() -> ImageIndexer.index("junk:1", "sha256:" + "cd".repeat(32),
                () -> new ByteArrayInputStream(bytes)))
                .isInstanceOf(EngineException.class).hasMessageContaining("junk:1").hasMessageContaining("manifest.json");
    }
}
