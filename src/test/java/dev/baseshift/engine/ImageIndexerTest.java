package dev.baseshift.engine;

import dev.baseshift.diagnosis.ElfInfo;
import dev.baseshift.diagnosis.FileEntry;
import dev.baseshift.diagnosis.ImageFiles;
import dev.baseshift.diagnosis.InstalledPackage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Indexes the fixture images on the real engine, without running them. */
@Tag("engine")
class ImageIndexerTest {
    static DockerEngine engine;

    @TempDir
    Path cache;

    @BeforeAll
    static void connect() throws Exception {
        engine = EngineLocator.fromSystem().locate();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void theFullFixtureHasNumpyFromDpkgAndSlimHasNot() throws Exception {
        ImageIndexer indexer = new ImageIndexer(engine, cache);
        ImageFiles full = indexer.index("bsfixture/py:full");
        ImageFiles slim = indexer.index("bsfixture/py:slim");

        String init = "/usr/lib/python3/dist-packages/numpy/__init__.py";
        assertThat(full.exists(init)).isTrue();
        assertThat(full.ownerOf(init)).map(InstalledPackage::name).contains("python3-numpy");
        assertThat(full.ownerOf(init)).map(InstalledPackage::manager).contains(InstalledPackage.Manager.DPKG);
        assertThat(slim.exists(init)).isFalse();
        assertThat(slim.exists("/usr/bin/python3")).isTrue();
        assertThat(full.imageId()).isEqualTo(engine.inspect("bsfixture/py:full").id());
        // the index's file sizes add up to what the image holds (layers overlap: at most the image's size)
        long sum = full.entries().stream().filter(e -> e.type() == FileEntry.Type.FILE).mapToLong(FileEntry::size)
                .sum();
        assertThat(sum).isPositive().isLessThanOrEqualTo(engine.inspect("bsfixture/py:full").sizeBytes());
    }

    @Test
    void elfFactsOfADynamicAndAStaticExecutable() throws Exception {
        ImageIndexer indexer = new ImageIndexer(engine, cache);
        ImageFiles slim = indexer.index("bsfixture/py:slim");
        ImageFiles withElf = indexer.withElf("bsfixture/py:slim", slim, List.of("/usr/bin/python3"));
        ElfInfo python = withElf.elf("/usr/bin/python3").orElseThrow();
        assertThat(python.wantsGlibc()).isTrue();
        assertThat(python.needed()).contains("libc.so.6");

        ImageFiles noshell = indexer.index("bsfixture/tiny:noshell");
        List<String> executables = noshell.entries().stream().filter(FileEntry::executable).map(FileEntry::path)
                .toList();
        assertThat(executables).isNotEmpty();
        ImageFiles elf = indexer.withElf("bsfixture/tiny:noshell", noshell, executables);
        assertThat(elf.elf(executables.get(0))).hasValueSatisfying(e -> assertThat(e.staticExecutable()).isTrue());
        assertThat(noshell.exists("/bin/sh")).isFalse();
    }

    @Test
    void aSecondIndexOfTheSameImageIsReadFromTheCacheNotTheEngine() throws Exception {
        AtomicInteger exports = new AtomicInteger();
        ContainerEngine counting = new CountingEngine(engine, exports);
        ImageFiles first = new ImageIndexer(counting, cache).index("bsfixture/py:slim");
        assertThat(exports).hasValue(1);
        try (var files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactly(first.imageId().substring("sha256:".length()) + ".json.gz");
        }
        ImageFiles again = new ImageIndexer(counting, cache).index("bsfixture/py:slim");
        assertThat(exports).hasValue(1);
        assertThat(again.size()).isEqualTo(first.size());
        assertThat(again.packages()).isEqualTo(first.packages());
        assertThat(again.entry("/usr/bin/python3")).isEqualTo(first.entry("/usr/bin/python3"));
    }

    /** The real engine, counting how often an image is exported. */
    private record CountingEngine(DockerEngine real, AtomicInteger exports) implements ContainerEngine {
        @Override public EngineInfo info() { return real.info(); }
        @Override public java.util.Optional<ImageDetails.Local> local(String ref) throws EngineException {
            return real.local(ref);
        }
        @Override public BuildOutcome build(BuildRequest r, java.util.function.Consumer<String> log)
                throws EngineException { return real.build(r, log); }
        @Override public ImageDetails inspect(String ref) throws EngineException { return real.inspect(ref); }
        @Override public boolean hasImage(String ref) throws EngineException { return real.hasImage(ref); }
        @Override public void pull(String ref, java.util.function.Consumer<String> p) throws EngineException {
            real.pull(ref, p);
        }
        @Override public RunOutcome run(RunRequest r) throws EngineException { return real.run(r); }
        @Override public InputStream saveImage(String ref) throws EngineException {
            exports.incrementAndGet();
            return real.saveImage(ref);
        }
        @Override public void removeImage(String ref) throws EngineException { real.removeImage(ref); }
        @Override public void removeUnused(String ref) throws EngineException { real.removeUnused(ref); }
        @Override public int removeLabelled(String k, String v) throws EngineException {
            return real.removeLabelled(k, v);
        }
        @Override public List<ImageDetails.Summary> images(String k, String v, boolean dangling)
                throws EngineException {
            return real.images(k, v, dangling);
        }
        @Override public List<String> listLabelled(String k, String v) throws EngineException {
            return real.listLabelled(k, v);
        }
        @Override public void close() {}
    }
}
