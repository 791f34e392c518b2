package dev.baseshift.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** The sample projects under src/test/resources/projects, copied to a folder of the test's own. */
public final class TestProjects {
    private TestProjects() {}

    /** Copies project {@code name} into {@code parent/folder}; the folder name becomes the project slug. */
    public static Path copy(String name, Path parent, String folder) {
        try {
            Path source = Path.of(TestProjects.class.getResource("/projects/" + name).toURI());
            Path target = parent.resolve(folder);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : files.toList()) {
                    Path to = target.resolve(source.relativize(f).toString());
                    if (Files.isDirectory(f)) Files.createDirectories(to);
                    else Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A hash over every path, file content and modification time: any write into the folder changes it. */
    public static String hash(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<Path> sorted = files.sorted().toList();
            for (Path f : sorted) {
                md.update(dir.relativize(f).toString().getBytes());
                md.update(Files.getLastModifiedTime(f).toString().getBytes());
                if (Files.isRegularFile(f)) {
                    try (InputStream in = Files.newInputStream(f)) {
                        md.update(in.readAllBytes());
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
