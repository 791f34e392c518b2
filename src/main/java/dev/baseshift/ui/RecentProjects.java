package dev.baseshift.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The last opened project folders, newest first, in a small text file in the user's config folder. */
public final class RecentProjects {
    static final int MAX = 8;
    private final Path file;

    public RecentProjects(Path file) {
        this.file = file;
    }

    /** {@code $XDG_CONFIG_HOME/baseshift/recent-projects} or {@code ~/.config/baseshift/recent-projects}. */
    public static RecentProjects inUserConfig() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new RecentProjects(base.resolve("baseshift").resolve("recent-projects"));
    }

    /** Folders that still exist; a missing or unreadable file is an empty list. */
    public List<Path> list() {
        try {
            if (!Files.isRegularFile(file)) return List.of();
            return Files.readAllLines(file).stream().map(String::trim).filter(s -> !s.isEmpty()).map(Path::of)
                    .filter(Files::isDirectory).distinct().limit(MAX).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Puts {@code dir} first. Failing to remember is not worth bothering the user about. */
    public List<Path> add(Path dir) {
        List<Path> out = new ArrayList<>();
        out.add(dir.toAbsolutePath().normalize());
        for (Path p : list()) if (!p.equals(out.get(0)) && out.size() < MAX) out.add(p);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, out.stream().map(Path::toString).toList());
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
