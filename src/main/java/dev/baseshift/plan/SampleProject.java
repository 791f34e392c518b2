package dev.baseshift.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The sample project bundled in the jar, copied out so commands given no folder have something real to show. */
public final class SampleProject {
    private static final String ROOT = "/dev/baseshift/sample/";

    private SampleProject() {}

    /** The files of the sample, relative to its folder (from the bundled index). */
    public static List<String> files() {
        try (InputStream in = SampleProject.class.getResourceAsStream(ROOT + "files.txt")) {
            if (in == null) throw new IllegalStateException("the bundled sample project is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The user's data folder: {@code $XDG_DATA_HOME/baseshift} or {@code ~/.local/share/baseshift}. */
    public static Path dataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("baseshift");
    }

    /** Copies the sample to {@code <data dir>/sample} (refreshing files that differ) and returns that folder. */
    public static Path extract() throws IOException {
        return extractTo(dataDir().resolve("sample"));
    }

    public static Path extractTo(Path target) throws IOException {
        Files.createDirectories(target);
        for (String rel : files()) {
            Path dest = target.resolve(rel).normalize();
            if (!dest.startsWith(target)) throw new IOException("bad sample entry: " + rel);
            try (InputStream in = SampleProject.class.getResourceAsStream(ROOT + rel)) {
                if (in == null) throw new IOException("sample file missing from the jar: " + rel);
                byte[] bytes = in.readAllBytes();
                if (Files.isRegularFile(dest) && java.util.Arrays.equals(Files.readAllBytes(dest), bytes)) continue;
                Files.createDirectories(dest.getParent());
                Path tmp = Files.createTempFile(dest.getParent(), ".sample", ".tmp");
                Files.write(tmp, bytes);
                Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return target;
    }
}
