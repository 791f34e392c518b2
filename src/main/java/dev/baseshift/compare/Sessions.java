package dev.baseshift.compare;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which comparison sessions are alive. Each session holds an OS file lock on {@code <dir>/<uuid>.lock} while it
 * runs; the OS drops the lock when the process dies, so a lock file whose lock can be taken belongs to a crashed
 * session and its labelled leftovers may be swept. Sessions of other users or machines sharing an engine never
 * appear here, so a sweep can never remove objects of a comparison that is still running elsewhere.
 */
public final class Sessions {
    private final Path dir;

    public Sessions(Path dir) {
        this.dir = dir;
    }

    /** {@code $XDG_STATE_HOME/baseshift/sessions}, else {@code ~/.local/state/baseshift/sessions}. */
    public static Sessions userDefault() {
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return new Sessions(base.resolve("baseshift").resolve("sessions"));
    }

    public Path dir() { return dir; }

    /** Registers a new live session. When the folder cannot be written the session still runs, unregistered. */
    public Session open() {
        String id = UUID.randomUUID().toString();
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(id + ".lock");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            return new Session(id, file, channel, lock);
        } catch (IOException | OverlappingFileLockException e) {
            return new Session(id, null, null, null);
        }
    }

    /** Ids of sessions that were registered here and whose process is gone. */
    public List<String> dead() {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.lock")) {
            for (Path f : files) {
                if (isDead(f)) out.add(f.getFileName().toString().replaceFirst("\\.lock$", ""));
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static boolean isDead(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) return false;
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held by this very JVM: alive
        } catch (IOException e) {
            return false;
        }
    }

    /** Forgets a dead session after its leftovers were removed. */
    public void forget(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id + ".lock"));
        } catch (IOException e) {
            // a stale file only means the sweep is attempted again next time
        }
    }

    /**
     * Takes the lock of a project (by its {@link dev.baseshift.plan.Plan#projectKey() key}) so two comparisons of one
     * project never replace each other's images: an OS file lock beside the sessions folder (dropped when the process
     * dies), also held against other comparisons in this JVM. Waits while another comparison holds it, telling
     * {@code waiting} once, until it is free or {@code cancelled} says to stop ({@code () -> true}: only try once).
     *
     * @return the held lock (close it to release), or null when cancelled while waiting; a folder that cannot be
     *         written gives a lock that only guards this JVM
     */
    /**
     * Records which folder a project key stands for ({@code projects/<key>.folder}), so its kept images can be told
     * apart once the folder is gone ({@code baseshift clean --gone}). Best effort: a state folder that cannot be
     * written only loses that.
     */
    public void recordFolder(String projectKey, Path folder) {
        Path file = dir.resolveSibling("projects").resolve(projectKey + ".folder");
        try {
            Files.createDirectories(file.getParent());
            String text = folder.toAbsolutePath().normalize().toString();
            if (Files.isRegularFile(file) && Files.readString(file).equals(text)) return;
            Path tmp = Files.createTempFile(file.getParent(), projectKey, ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // not recorded: clean --gone will not know this project's folder
        }
    }

    /** The folder recorded for a project key, if any. */
    public java.util.Optional<Path> folderOf(String projectKey) {
        if (!projectKey.matches("[a-z0-9-]+")) return java.util.Optional.empty();
        try {
            return java.util.Optional.of(Path.of(Files.readString(
                    dir.resolveSibling("projects").resolve(projectKey + ".folder")).strip()));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    public ProjectLock lockProject(String projectKey, java.util.function.BooleanSupplier cancelled,
                                   Runnable waiting) throws InterruptedException {
        Path file = dir.resolveSibling("projects").resolve(projectKey + ".lock");
        boolean told = false;
        while (true) {
            if (HELD.add(projectKey)) {
                try {
                    Files.createDirectories(file.getParent());
                    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock;
                    try {
                        lock = channel.tryLock();
                    } catch (OverlappingFileLockException e) {
                        lock = null;
                    }
                    if (lock != null) return new ProjectLock(projectKey, channel, lock);
                    channel.close();
                } catch (IOException e) {
                    return new ProjectLock(projectKey, null, null);
                }
                HELD.remove(projectKey);
            }
            if (cancelled.getAsBoolean()) return null;
            if (!told) {
                waiting.run();
                told = true;
            }
            Thread.sleep(200);
        }
    }

    /** Project keys locked by comparisons of this JVM (a JVM cannot take its own file lock twice). */
    private static final Set<String> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A project held by one comparison. */
    public static final class ProjectLock implements AutoCloseable {
        private final String key;
        private final FileChannel channel;
        private final FileLock lock;
        private boolean closed;

        private ProjectLock(String key, FileChannel channel, FileLock lock) {
            this.key = key;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            try {
                if (lock != null) lock.release();
                if (channel != null) channel.close();
            } catch (IOException e) {
                // closing the channel releases the lock in any case
            } finally {
                HELD.remove(key);
            }
        }
    }

    /** A live session; close it when the comparison is over and its objects are gone. */
    public static final class Session implements AutoCloseable {
        private final String id;
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;

        private Session(String id, Path file, FileChannel channel, FileLock lock) {
            this.id = id;
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        public String id() { return id; }

        /** The session is over and everything it made is gone. */
        @Override
        public void close() {
            release();
            try {
                if (file != null) Files.deleteIfExists(file);
            } catch (IOException e) {
                // a left file is swept as dead next time, harmlessly
            }
        }

        /** The session is over but left objects behind (engine unreachable): the next start sweeps them. */
        public void release() {
            try {
                if (lock != null) lock.release();
                if (channel != null) channel.close();
            } catch (IOException e) {
                // closing the channel releases the lock in any case
            }
        }
    }
}
