package dev.baseshift.engine;

import dev.baseshift.diagnosis.ImageFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the file indexes of the fixture images that the engine-free diagnosis tests read
 * ({@code src/test/resources/dev/baseshift/diagnosis/images}). Not a test: run it after changing {@code .ci/fixtures.sh}
 * or the index format, with the fixtures in the engine:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.baseshift.engine.IndexSnapshots DIR}
 */
public final class IndexSnapshots {
    private IndexSnapshots() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/dev/baseshift/diagnosis/images");
        Files.createDirectories(out);
        try (ContainerEngine engine = EngineLocator.fromSystem().locate()) {
            Path cache = Files.createTempDirectory("baseshift-snapshots");
            ImageIndexer indexer = new ImageIndexer(engine, cache);
            for (String[] image : List.of(new String[] {"py-full", "bsfixture/py:full"},
                    new String[] {"py-slim", "bsfixture/py:slim"}, new String[] {"py-distroless", "bsfixture/py:distroless"},
                    new String[] {"tiny-full", "bsfixture/tiny:full"}, new String[] {"tiny-musl", "bsfixture/tiny:musl"},
                    new String[] {"tiny-noshell", "bsfixture/tiny:noshell"})) {
                ImageFiles files = indexer.index(image[1]);
                files = indexer.withElf(image[1], files, List.of("/usr/bin/python3", "/bin/busybox", "/bin/sh",
                        "/bin/echo", "/usr/bin/gcc"));
                Path file = out.resolve(image[0] + ".json.gz");
                indexer.writeSnapshot(files, file);
                System.out.println(image[0] + ": " + files.size() + " paths, " + files.packages().size()
                        + " packages, " + Files.size(file) + " bytes");
            }
        }
    }
}
