package dev.baseshift.engine;

import dev.baseshift.dockerfile.DockerIgnore;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The project's build context: one tar of the project folder (with {@code .dockerignore} applied), made once per
 * comparison in a temp file and streamed to every build with the variant's Dockerfile added the way the Docker CLI
 * adds a Dockerfile from outside the context ({@code AddDockerfileToBuildContext}): under {@code .dockerfile.<hex>},
 * a name the streamed {@code .dockerignore} lists, so the engine drops it before the build and no {@code COPY . }
 * can carry it into the image. The hex is the Dockerfile text's own digest, so the same variant streams the same
 * bytes on every run and its layers stay cached. Large files are not
 * copied into the temp file: their tar headers are, and their content is streamed from the project on each
 * {@link #open} (a changed file then fails the build with a clear message instead of giving a corrupt tar). The
 * project folder is only read. Thread-safe: every {@link #open} returns an independent stream.
 */
public final class BuildContext implements AutoCloseable {

    /** Contexts above this size get a warning: every build uploads them. */
    static final long HUGE_BYTES = 500L * 1000 * 1000;
    /** Files above this size are streamed from the project instead of copied into the temp tar. */
    static final long STREAM_ABOVE = 16L << 20;

    private static final int RECORD = 512;
    private static final int EOF_BYTES = 2 * RECORD;
    private static final FileTime FIXED_TIME = FileTime.fromMillis(0);

    private final Path projectDir;
    private final Path tarFile;
    private final List<Segment> segments;
    private final long totalBytes;
    private final int fileCount;
    private final Set<String> topLevelNames;
    private final Ignore ignoreFile;
    private final String digest;
    private volatile boolean closed;

    /** The project's own top-level .dockerignore (null when it has none), sent with the injected name appended. */
    private record Ignore(byte[] content, int mode, FileTime modTime) {}

    /** A piece of the streamed tar: a byte range of the temp file, or a large file's content read from the project. */
    private sealed interface Segment permits TempRange, ProjectFile {}

    private record TempRange(long from, long to) implements Segment {}

    private record ProjectFile(Path file, String name, long size) implements Segment {}

    private BuildContext(Path projectDir, Path tarFile, List<Segment> segments, long totalBytes, int fileCount,
                         Set<String> topLevelNames, Ignore ignoreFile, String digest) {
        this.projectDir = projectDir;
        this.tarFile = tarFile;
        this.segments = List.copyOf(segments);
        this.totalBytes = totalBytes;
        this.fileCount = fileCount;
        this.topLevelNames = Set.copyOf(topLevelNames);
        this.ignoreFile = ignoreFile;
        this.digest = digest;
    }

    /** Tars the project folder, honouring its {@code .dockerignore}. */
    public static BuildContext of(Path projectDir) throws IOException {
        return of(projectDir, STREAM_ABOVE, null);
    }

    /**
     * Likewise, its temp file named after {@code owner} (a comparison's session id, letters, digits and dashes), so
     * a crashed comparison's file can be found and removed by the next ({@link #sweep}).
     */
    public static BuildContext of(Path projectDir, String owner) throws IOException {
        return of(projectDir, STREAM_ABOVE, owner);
    }

    static BuildContext of(Path projectDir, long streamAbove) throws IOException {
        return of(projectDir, streamAbove, null);
    }

    /** Removes the temp files of contexts made for {@code owner} and never closed (its process died). */
    public static int sweep(String owner) {
        if (!OWNER.matcher(owner).matches()) return 0;
        int removed = 0;
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(tmp, PREFIX + owner + "-*.tar")) {
            for (Path f : files) {
                if (Files.deleteIfExists(f)) removed++;
            }
        } catch (IOException e) {
            // an unreadable temp folder: nothing to sweep
        }
        return removed;
    }

    private static final String PREFIX = "baseshift-context-";
    private static final java.util.regex.Pattern OWNER = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");

    private static BuildContext of(Path projectDir, long streamAbove, String owner) throws IOException {
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
        Path tar = Files.createTempFile(owner != null && OWNER.matcher(owner).matches() ? PREFIX + owner + "-" : PREFIX,
                ".tar");
        try {
            Walker walker;
            // Buffered: the tar stream writes 512-byte records, one system call each otherwise.
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 20)) {
                Counting counting = new Counting(file);
                TarArchiveOutputStream out = tarStream(counting);
                walker = new Walker(dir, ignore, streamAbove, counting);
                walker.walk(out);
                out.finish();
                out.flush();
                walker.segments.add(new TempRange(walker.segmentStart, counting.count));
            }
            return new BuildContext(dir, tar, walker.segments, walker.bytes, walker.files, walker.topLevelNames,
                    walker.ignoreFile, java.util.HexFormat.of().formatHex(walker.digest.digest()));
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

    /**
     * SHA-256 (hex) of what the build sees: every entry's name, type, mode, size, link target and content, in tar
     * order. Modification times are left out, as the builders' cache leaves them out: touching a file changes nothing.
     */
    public String digest() {
        return digest;
    }

    /** Bytes the temp file holds (large files are not copied into it). */
    long storedBytes() throws IOException {
        return Files.size(tarFile);
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
     * Where the variant's Dockerfile sits in the streamed context: {@code .dockerfile.<first 20 hex digits of the
     * text's SHA-256>} at the top (a suffix is added in the unlikely case the project has that name).
     */
    public String dockerfilePath(String dockerfileText) {
        String name = ".dockerfile." + sha256(dockerfileText.getBytes(StandardCharsets.UTF_8)).substring(0, 20);
        String free = name;
        for (int i = 2; topLevelNames.contains(free); i++) free = name + "-" + i;
        return free;
    }

    /**
     * The context tar with {@code dockerfileText} added at {@link #dockerfilePath(String)} and that name appended to
     * the streamed {@code .dockerignore} (made, listing itself too, when the project has none — as the Docker CLI
     * does), so the engine removes both before building exactly when the user's own build would not have them.
     */
    public InputStream open(String dockerfileText) throws IOException {
        if (closed) {
            throw new IOException("build context already closed");
        }
        byte[] text = dockerfileText.getBytes(StandardCharsets.UTF_8);
        String name = dockerfilePath(dockerfileText);
        ByteArrayOutputStream ignore = new ByteArrayOutputStream();
        if (ignoreFile != null) ignore.write(ignoreFile.content());
        else ignore.write(".dockerignore".getBytes(StandardCharsets.UTF_8));
        ignore.write(("\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream extra = new ByteArrayOutputStream(text.length + ignore.size() + 6 * RECORD);
        try (TarArchiveOutputStream out = tarStream(extra)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setMode(0100600);
            entry.setModTime(FIXED_TIME);
            entry.setSize(text.length);
            out.putArchiveEntry(entry);
            out.write(text);
            out.closeArchiveEntry();
            TarArchiveEntry ignoreEntry = new TarArchiveEntry(".dockerignore");
            ignoreEntry.setMode(ignoreFile != null ? ignoreFile.mode() : 0100600);
            ignoreEntry.setModTime(ignoreFile != null ? ignoreFile.modTime() : FIXED_TIME);
            ignoreEntry.setIds(0, 0);
            ignoreEntry.setSize(ignore.size());
            out.putArchiveEntry(ignoreEntry);
            ignore.writeTo(out);
            out.closeArchiveEntry();
            out.finish();
        }
        // The Dockerfile goes first, without its EOF records: the docker CLI sniffs the first header to tell a tar
        // from a Dockerfile on stdin, and a short plain header is what it recognises.
        List<InputStream> parts = new ArrayList<>();
        parts.add(new ByteArrayInputStream(extra.toByteArray(), 0, extra.size() - EOF_BYTES));
        for (Segment segment : segments) {
            parts.add(new LazyStream(segment));
        }
        // SequenceInputStream.close() closes the remaining parts; none holds a file before it is read.
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** Opens its segment on first read, so a context with many large files holds one file handle at a time. */
    private final class LazyStream extends InputStream {
        private final Segment segment;
        private InputStream in;
        private long remaining;
        private long padding;

        LazyStream(Segment segment) {
            this.segment = segment;
        }

        private InputStream in() throws IOException {
            if (in == null) {
                if (segment instanceof TempRange range) {
                    SeekableByteChannel channel = Files.newByteChannel(tarFile);
                    channel.position(range.from());
                    in = Channels.newInputStream(channel);
                    remaining = range.to() - range.from();
                } else if (segment instanceof ProjectFile file) {
                    if (Files.size(file.file()) != file.size()) {
                        throw changed(file);
                    }
                    in = Files.newInputStream(file.file());
                    remaining = file.size();
                    padding = (RECORD - file.size() % RECORD) % RECORD;
                }
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            InputStream source = in();
            if (length == 0) {
                return 0;
            }
            if (remaining > 0) {
                int n = source.read(buffer, offset, (int) Math.min(length, remaining));
                if (n < 0) {
                    throw segment instanceof ProjectFile file ? changed(file)
                            : new IOException("build context temp file truncated: " + tarFile);
                }
                remaining -= n;
                return n;
            }
            if (padding > 0) {
                int n = (int) Math.min(length, padding);
                java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
                padding -= n;
                return n;
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }

        private IOException changed(ProjectFile file) {
            return new IOException(file.name() + " changed while the comparison ran (it was " + file.size()
                    + " bytes when the build context was made); run the comparison again");
        }
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

    // A record-sized block makes a tar end exactly with its two EOF records, so open() can cut them off, and
    // every closed entry is already written through, so byte offsets are exact between entries.
    private static TarArchiveOutputStream tarStream(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, RECORD);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    /** The header records (with any PAX extension) a tar stream writes for an entry, without its content. */
    private static byte[] headerOf(TarArchiveEntry entry) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2 * RECORD);
        TarArchiveOutputStream out = tarStream(bytes);
        out.putArchiveEntry(entry);
        out.flush();
        return bytes.toByteArray(); // the stream is dropped unfinished: only its header is wanted
    }

    private static String sha256(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static java.security.MessageDigest newDigest() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts the bytes that reach the temp file, to know where each large file's content belongs. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** Walks the project depth-first in name order, so the tar (and the builder's cache) is stable. */
    private static final class Walker {
        private final Path root;
        private final DockerIgnore ignore;
        private final long streamAbove;
        private final Counting counting;
        private final Set<String> topLevelNames = new HashSet<>();
        private final java.security.MessageDigest digest = newDigest();
        private Ignore ignoreFile;
        private final List<Segment> segments = new ArrayList<>();
        private long segmentStart;
        long bytes;
        int files;

        Walker(Path root, DockerIgnore ignore, long streamAbove, Counting counting) {
            this.root = root;
            this.ignore = ignore;
            this.streamAbove = streamAbove;
            this.counting = counting;
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
                if (rel.equals(".dockerignore") && attrs.isRegularFile()) {
                    // Sent by open() with the injected Dockerfile's name appended. The Docker CLI always sends it;
                    // the engine drops it before building when it lists itself, so the digest follows that rule.
                    TarArchiveEntry entry = new TarArchiveEntry(rel);
                    describe(entry, child, attrs, 0100000);
                    byte[] content = Files.readAllBytes(child);
                    ignoreFile = new Ignore(content, entry.getMode(), entry.getLastModifiedTime());
                    if (!excluded) {
                        record(entry, null, content);
                        files++;
                        bytes += content.length;
                    }
                    continue;
                }
                if (attrs.isDirectory()) {
                    if (!excluded) {
                        TarArchiveEntry entry = new TarArchiveEntry(rel + "/");
                        describe(entry, child, attrs, 040000);
                        record(entry, null, null);
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
                    record(entry, null, null);
                    out.putArchiveEntry(entry);
                    out.closeArchiveEntry();
                    files++;
                } else if (attrs.isRegularFile()) {
                    TarArchiveEntry entry = new TarArchiveEntry(rel);
                    describe(entry, child, attrs, 0100000);
                    entry.setSize(attrs.size());
                    if (attrs.size() > streamAbove) {
                        // Only the header goes into the temp file; the content is read from the project per build.
                        try (InputStream in = Files.newInputStream(child)) {
                            record(entry, in, null);
                        }
                        counting.write(headerOf(entry));
                        segments.add(new TempRange(segmentStart, counting.count));
                        segments.add(new ProjectFile(child, rel, attrs.size()));
                        segmentStart = counting.count;
                    } else {
                        out.putArchiveEntry(entry);
                        java.security.MessageDigest content = newDigest();
                        try (InputStream in = new java.security.DigestInputStream(Files.newInputStream(child), content)) {
                            in.transferTo(out);
                        }
                        out.closeArchiveEntry();
                        record(entry, null, null);
                        digest.update(content.digest());
                    }
                    files++;
                    bytes += attrs.size();
                }
                // Sockets, pipes and devices cannot go into a build context (Docker skips them too).
            }
        }

        /** Adds an entry to the context digest: its header fields but the time, then its content's digest. */
        private void record(TarArchiveEntry entry, InputStream content, byte[] bytes) throws IOException {
            String head = entry.getName() + "\0" + (char) entry.getLinkFlag() + "\0"
                    + Integer.toOctalString(entry.getMode()) + "\0" + entry.getSize() + "\0" + entry.getLinkName() + "\0";
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            if (bytes != null) {
                digest.update(newDigest().digest(bytes));
            } else if (content != null) {
                java.security.MessageDigest d = newDigest();
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = content.read(buffer)) > 0; ) d.update(buffer, 0, n);
                digest.update(d.digest());
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
