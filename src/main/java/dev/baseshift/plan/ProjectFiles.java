package dev.baseshift.plan;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Finds the Dockerfiles of a project folder. Reads only. */
public final class ProjectFiles {
    /** How deep below the project folder Dockerfiles are looked for. */
    static final int MAX_DEPTH = 4;
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".hg", ".svn", "node_modules", "target", "build",
            "dist", "vendor", ".venv", "venv", "__pycache__", ".idea", ".gradle", ".tox");

    private ProjectFiles() {}

    /** True for Dockerfile, Containerfile, {@code *.Dockerfile}, {@code Dockerfile.*} (case-insensitive). */
    public static boolean isDockerfileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".tmp") || n.endsWith(".orig") || n.endsWith(".swp") || n.endsWith("~")) return false;
        return n.equals("dockerfile") || n.equals("containerfile") || n.endsWith(".dockerfile")
                || n.endsWith(".containerfile") || n.startsWith("dockerfile.") || n.startsWith("containerfile.");
    }

    /**
     * Relative paths ('/'-separated) of every Dockerfile, the most likely one first: {@code Dockerfile} at the top,
     * then {@code Containerfile}, then the rest by depth and name.
     */
    public static List<String> findDockerfiles(Path projectDir) throws IOException {
        if (!Files.isDirectory(projectDir)) throw new IOException("not a folder: " + projectDir);
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(projectDir, Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(projectDir) && SKIPPED_DIRS.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && isDockerfileName(file.getFileName().toString())) found.add(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE; // an unreadable corner of the project must not hide the rest
            }
        });
        return found.stream()
                .map(p -> projectDir.relativize(p).toString().replace('\\', '/'))
                .sorted(Comparator.comparingInt(ProjectFiles::rank)
                        .thenComparingInt(s -> s.split("/").length)
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private static int rank(String rel) {
        if (rel.equals("Dockerfile")) return 0;
        if (rel.equals("Containerfile")) return 1;
        return 2;
    }
}
