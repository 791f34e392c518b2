package dev.baseshift.engine;

import dev.baseshift.dockerfile.DockerIgnore;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The project's build context: one tar of the project folder (with {@code .dockerignore} applied), made once per
 * comparison in a temp file and streamed to every build with the variant's Dockerfile added. The project folder is
 * only read. Thread-safe: every {@link #open} returns an independent stream.
 */
public final class BuildContext implements AutoCloseable {

    /** Contexts above this size get a warning: every build uploads them. */
    static final long HUGE_BYTES = 500L * 1000 * 1000;

    private static final int RECORD = 512;
    private static final int EOF_BYTES = 2 * RECORD;
    private static final FileTime FIXED_TIME = FileTime.fromMillis(0);

    private final Path projectDir;
    private final Path tarFile;
    private final long totalBytes;
    private final int fileCount;
    private final String injectDir;
    private volatile boolean closed;

    private BuildContext(Path projectDir, Path tarFile, long totalBytes, int fileCount, String injectDir)
            throws IOException {
        this.projectDir = projectDir;
        this.tarFile = tarFile;
        this.totalBytes = totalBytes;
        this.fileCount = fileCount;
        this.injectDir = injectDir;
    }

    /** Tars the project folder, honouring its {@code .dockerignore}. */
    public static BuildContext of(Path projectDir) throws IOException {
        Path dir = projectDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a folder: " + dir);
        }
        Path ignoreFile = dir.resolve(".dockerignore");
        DockerIgnore ignore;
        try {
            ignore = Files.isRegularFile(ignoreFile)
                    ? DockerIgnore.parse(Files.readString(ignoreFile, StandardCharsets.UTF_8))
                    : DockerIgnore.none();
        } catch (IllegalArgumentException e) {
            throw new IOException(dir.resolve(e.getMessage()).toString(), e);
        }
        Path tar = Files.createTempFile("baseshift-context-", ".tar");
        try {
            Walker walker = new Walker(dir, ignore);
            // Buffered: the tar stream writes 512-byte records, one system call each otherwise.
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 20);
                 TarArchiveOutputStream out = tarStream(file)) {
                walker.walk(out);
                out.finish();
            }
            return new BuildContext(dir, tar, walker.bytes, walker.files, freeName(walker.topLevelNames));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tar);
            throw e;
        }
    }

    public Path projectDir() {
        return projectDir;
    }

    /** Bytes of file content in the context (the project part, before any Dockerfile is added). */
    public long totalBytes() {
        return totalBytes;
    }

    public int fileCount() {
        return fileCount;
    }

    /** A hint for the user when the context is large enough to slow every build down. */
    public Optional<String> warning() {
        if (totalBytes < HUGE_BYTES) {
            return Optional.empty();
        }
        return Optional.of(String.format("the build context is %.1f GB in %d files; every build uploads it — "
                + "add what the image does not need to .dockerignore", totalBytes / 1e9, fileCount));
    }

    /**
     * Where a Dockerfile named {@code dockerfileName} sits inside the streamed context: a top-level folder that
     * does not exist in the project, so it can neither collide with a project file nor be dropped by .dockerignore.
     */
    public String dockerfilePath(String dockerfileName) {
        return injectDir + "/" + checkName(dockerfileName);
    }

    /** The context tar with {@code dockerfileText} added at {@link #dockerfilePath(String)}. */
    public InputStream open(String dockerfileName, String dockerfileText) throws IOException {
        if (closed) {
            throw new IOException("build context already closed");
        }
        byte[] text = dockerfileText.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream extra = new ByteArrayOutputStream(text.length + 4 * RECORD);
        try (TarArchiveOutputStream out = tarStream(extra)) {
            TarArchiveEntry dirEntry = new TarArchiveEntry(injectDir + "/");
            dirEntry.setMode(040755);
            dirEntry.setModTime(FIXED_TIME);
            out.putArchiveEntry(dirEntry);
            out.closeArchiveEntry();
            TarArchiveEntry entry = new TarArchiveEntry(dockerfilePath(dockerfileName));
            entry.setMode(0100644);
            entry.setModTime(FIXED_TIME);
            entry.setSize(text.length);
            out.putArchiveEntry(entry);
            out.write(text);
            out.closeArchiveEntry();
            out.finish();
        }
        // The Dockerfile goes first, without its EOF records: the docker CLI sniffs the first header to tell a tar
        // from a Dockerfile on stdin, and a short plain header is what it recognises.
        InputStream dockerfile = new ByteArrayInputStream(extra.toByteArray(), 0, extra.size() - EOF_BYTES);
        return new SequenceInputStream(dockerfile, Files.newInputStream(tarFile));
    }

    @Override
    public void close() {
        closed = true;
        try {
            Files.deleteIfExists(tarFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // A record-sized block makes a tar end exactly with its two EOF records, so open() can cut them off.
    private static TarArchiveOutputStream tarStream(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, RECORD);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    private static String checkName(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("bad Dockerfile name: " + name);
        }
        return name;
    }

    private static String freeName(Set<String> taken) {
        String name = ".baseshift-dockerfiles";
        for (int i = 2; taken.contains(name); i++) {
            name = ".baseshift-dockerfiles-" + i;
        }
        return name;
    }

    /** Walks the project depth-first in name order, so the tar (and the builder's cache) is stable. */
    private static final class Walker {
        private final Path root;
        private final DockerIgnore ignore;
        private final Set<String> topLevelNames = new HashSet<>();
        long bytes;
        int files;

        Walker(Path root, DockerIgnore ignore) {
            this.root = root;
            this.ignore = ignore;
        }

        void walk(TarArchiveOutputStream out) throws IOException {
            walkDir(root, "", out);
        }

        private void walkDir(Path dir, String relDir, TarArchiveOutputStream out) throws IOException {
            List<Path> children;
            try (Stream<Path> list = Files.list(dir)) {
                children = new ArrayList<>(list.toList());
            }
            children.sort(null);
            for (Path child : children) {
                String name = child.getFileName().toString();
                String rel = relDir.isEmpty() ? name : relDir + "/" + name;
                if (relDir.isEmpty()) {
                    topLevelNames.add(name);
                }
                BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                boolean excluded = ignore.excludes(rel);
                if (attrs.isDirectory()) {
                    if (!excluded) {
                        TarArchiveEntry entry = new TarArchiveEntry(rel + "/");
                        describe(entry, child, attrs, 040000);
                        out.putArchiveEntry(entry);
                        out.closeArchiveEntry();
                    }
                    // An excluded folder is still walked when an exception ("!pattern") may re-include a file in it.
                    if (!excluded || ignore.hasExceptions()) {
                        walkDir(child, rel, out);
                    }
                } else if (excluded) {
                    continue;
                } else if (attrs.isSymbolicLink()) {
                    TarArchiveEntry entry = new TarArchiveEntry(rel, TarConstants.LF_SYMLINK);
                    entry.setLinkName(Files.readSymbolicLink(child).toString());
                    describe(entry, child, attrs, 0120000);
                    out.putArchiveEntry(entry);
                    out.closeArchiveEntry();
                    files++;
                } else if (attrs.isRegularFile()) {
                    TarArchiveEntry entry = new TarArchiveEntry(rel);
                    describe(entry, child, attrs, 0100000);
                    entry.setSize(attrs.size());
                    out.putArchiveEntry(entry);
                    try (InputStream in = Files.newInputStream(child)) {
                        in.transferTo(out);
                    }
                    out.closeArchiveEntry();
                    files++;
                    bytes += attrs.size();
                }
                // Sockets, pipes and devices cannot go into a build context (Docker skips them too).
            }
        }

        private static void describe(TarArchiveEntry entry, Path file, BasicFileAttributes attrs, int type)
                throws IOException {
            int permissions;
            try {
                permissions = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
            } catch (UnsupportedOperationException e) {
                permissions = attrs.isDirectory() || Files.isExecutable(file) ? 0755 : 0644;
            }
            entry.setMode(type | permissions);
            // Whole seconds: sub-second times would make commons-compress add a PAX header to every entry.
            entry.setModTime(FileTime.from(attrs.lastModifiedTime().to(TimeUnit.SECONDS), TimeUnit.SECONDS));
            // The builder owns files as root anyway; the user's ids mean nothing inside the image.
            entry.setIds(0, 0);
        }
    }
}
