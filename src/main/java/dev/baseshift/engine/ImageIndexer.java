package dev.baseshift.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baseshift.diagnosis.ElfInfo;
import dev.baseshift.diagnosis.ElfReader;
import dev.baseshift.diagnosis.FileEntry;
import dev.baseshift.diagnosis.ImageFiles;
import dev.baseshift.diagnosis.InstalledPackage;
import dev.baseshift.diagnosis.LayerEntry;
import dev.baseshift.diagnosis.LayerPath;
import dev.baseshift.diagnosis.MergedTree;
import dev.baseshift.diagnosis.PackageDatabases;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads an image's files without running it: streams the image once in the {@code docker save} format, indexes each
 * layer tar as it passes (metadata only, plus the few small files the package databases need), then stacks the
 * layers in the manifest's order with whiteouts applied. No layer is ever held in memory or written to disk, and no
 * name from the image ever becomes a path on disk: the only files written are the index cache (named by image id)
 * and, for {@link #withElf}, short-lived copies of the few files whose ELF headers are read, named by counter.
 * Works for images without a shell (distroless, scratch): nothing runs.
 */
public final class ImageIndexer {
    /** Bump when the cache's shape or what is captured changes: older cache files are then ignored. */
    static final int CACHE_VERSION = 1;
    /** An image with more entries than this is refused rather than indexed into unbounded memory. */
    static final int MAX_ENTRIES = 3_000_000;
    /** The ELF pass copies at most this much of one file (the headers it reads lie well inside). */
    static final long MAX_ELF_COPY = 256L << 20;
    private static final int MAX_MANIFEST = 4 << 20;
    private static final Pattern IMAGE_ID = Pattern.compile("(?:sha256:)?([0-9a-f]{64})");

    private final ContainerEngine engine;
    private final Path cacheDir;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** @param cacheDir where indexes are kept, one file per image id; created when first needed */
    public ImageIndexer(ContainerEngine engine, Path cacheDir) {
        this.engine = engine;
        this.cacheDir = cacheDir;
    }

    /** {@code $XDG_CACHE_HOME/baseshift/index}, else {@code ~/.cache/baseshift/index}. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("baseshift").resolve("index");
    }

    /** The image's merged file tree and package databases; read from the cache when this image id was indexed. */
    public ImageFiles index(String imageRef) throws EngineException {
        String id = engine.inspect(imageRef).id();
        Optional<ImageFiles> cached = readCache(id);
        if (cached.isPresent()) return cached.get();
        ImageFiles files = index(imageRef, id, () -> engine.saveImage(imageRef));
        writeCache(files);
        return files;
    }

    /** Where an export comes from: the engine, or (for tests of what no engine would store) a tar at hand. */
    @FunctionalInterface
    interface Export {
        InputStream open() throws EngineException, IOException;
    }

    /** Indexes one export in the {@code docker save} format; nothing is cached. */
    static ImageFiles index(String imageRef, String id, Export export) throws EngineException {
        Saved saved = read(imageRef, export, new LayerIndexing());
        MergedTree tree = new MergedTree();
        for (String layer : saved.layers()) {
            List<LayerEntry> entries = saved.perLayer().get(layer);
            tree.apply(entries == null ? List.of() : entries);
        }
        return tree.toImageFiles(id);
    }

    /**
     * The index with the ELF facts of {@code paths} added (symlinks followed; a path that is missing or not ELF is
     * left out). A second, targeted pass over the image: only those files' bytes are read, from the layer that
     * wrote them last.
     */
    public ImageFiles withElf(String imageRef, ImageFiles files, Collection<String> paths) throws EngineException {
        Map<String, FileEntry> wanted = new LinkedHashMap<>(); // the path asked for → the entry holding its bytes
        for (String p : paths) {
            if (files.elf(p).isPresent()) continue;
            Optional<FileEntry> e = files.resolve(p);
            if (e.isPresent() && e.get().type() == FileEntry.Type.HARDLINK && e.get().linkTarget() != null) {
                FileEntry link = e.get();
                e = files.entry(link.linkTarget()).map(t -> new FileEntry(t.path(), t.type(), t.size(), t.mode(),
                        t.linkTarget(), link.layer()));
            }
            e.filter(f -> f.type() == FileEntry.Type.FILE).ifPresent(f -> wanted.put(ImageFiles.normalise(p), f));
        }
        if (wanted.isEmpty()) return files;
        Set<String> holders = new LinkedHashSet<>();
        for (FileEntry f : wanted.values()) holders.add(f.path());
        Path spool;
        try {
            Files.createDirectories(cacheDir);
            spool = Files.createTempDirectory(cacheDir, "elf-");
        } catch (IOException e) {
            throw new EngineException("cannot write BaseShift's index cache " + cacheDir + ": " + e.getMessage(), e);
        }
        try {
            ElfCopies copies = new ElfCopies(holders, spool);
            Saved saved = read(imageRef, () -> engine.saveImage(imageRef), copies);
            Map<String, ElfInfo> found = new HashMap<>();
            for (Map.Entry<String, FileEntry> w : wanted.entrySet()) {
                FileEntry holder = w.getValue();
                if (holder.layer() < 0 || holder.layer() >= saved.layers().size()) continue;
                Path copy = copies.copies.get(saved.layers().get(holder.layer()) + "\0" + holder.path());
                if (copy == null) continue;
                try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "r")) {
                    ElfReader.read(w.getKey(), ElfReader.of(raf)).ifPresent(elf -> found.put(w.getKey(), elf));
                } catch (IOException e) {
                    // not readable as ELF: the diagnosis works without its facts
                }
            }
            ImageFiles out = files.withElf(found);
            if (!found.isEmpty()) writeCache(out);
            return out;
        } finally {
            deleteTree(spool);
        }
    }

    // ---------------------------------------------------------------- the stream

    /** What one pass saw: the manifest's layer order and what the consumer made of each layer. */
    private record Saved(List<String> layers, Map<String, List<LayerEntry>> perLayer) {}

    /** What a pass does with each entry of a layer tar. */
    private interface LayerConsumer {
        /** Called once per layer before its entries. */
        default void layer(String name) {}

        /**
         * @param size the file's apparent size (a sparse file's real size)
         * @return the entry to keep in the layer's list, or null
         */
        LayerEntry entry(String layer, String path, TarArchiveEntry entry, long size, InputStream content)
                throws IOException;
    }

    private static Saved read(String imageRef, Export export, LayerConsumer consumer) throws EngineException {
        List<String> layers = null;
        Map<String, List<LayerEntry>> perLayer = new HashMap<>();
        int[] total = {0};
        try (InputStream raw = export.open();
             TarArchiveInputStream outer = new TarArchiveInputStream(raw)) {
            TarArchiveEntry e;
            while ((e = outer.getNextEntry()) != null) {
                if (!e.isFile()) continue;
                String name = e.getName();
                if (name.equals("manifest.json")) {
                    layers = manifestLayers(imageRef, outer, e.getSize());
                } else if (name.endsWith("/layer.tar") || name.endsWith(".tar") || name.startsWith("blobs/")) {
                    BufferedInputStream in = new BufferedInputStream(outer, 1024);
                    if (!isTar(in)) continue; // a config or manifest blob of the OCI layout
                    consumer.layer(name);
                    perLayer.put(name, readLayer(imageRef, name, in, consumer, total));
                }
            }
        } catch (IOException e) {
            throw new EngineException("cannot read the files of " + imageRef + ": " + e.getMessage(), e);
        }
        if (layers == null) {
            throw new EngineException("cannot read the files of " + imageRef + ": the engine's export has no "
                    + "manifest.json");
        }
        return new Saved(layers, perLayer);
    }

    private static List<LayerEntry> readLayer(String imageRef, String layer, InputStream in, LayerConsumer consumer,
                                       int[] total) throws IOException, EngineException {
        List<LayerEntry> out = new ArrayList<>();
        // the inner stream is not closed: closing it would close the export
        // sparse files of 2 GiB and more reach commons-compress (which takes their size as an int) as plain entries
        PaxSizes sizes = new PaxSizes(in);
        TarArchiveInputStream tar = new TarArchiveInputStream(sizes);
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            PaxSizes.Sparse sparse = sizes.takeSparse();
            String path = LayerPath.of(sparse != null && sparse.name() != null ? sparse.name() : e.getName());
            long size = sparse != null ? sparse.size() : e.getRealSize();
            if (path == null) continue; // climbs above the root: no file of the image
            if (++total[0] > MAX_ENTRIES) {
                throw new EngineException(imageRef + " has more than " + MAX_ENTRIES + " files: too many to index");
            }
            // such a sparse file's bytes as read are its map and data, not the file: none are offered
            LayerEntry kept = consumer.entry(layer, path, e, Math.max(0, size),
                    sparse != null ? InputStream.nullInputStream() : tar);
            if (kept != null) out.add(kept);
        }
        return out;
    }

    private static List<String> manifestLayers(String imageRef, InputStream in, long size) throws IOException,
            EngineException {
        if (size > MAX_MANIFEST) throw new EngineException(imageRef + ": the export's manifest.json is too large");
        JsonNode root = new ObjectMapper().readTree(in.readNBytes((int) size));
        JsonNode layers = root.path(0).path("Layers");
        if (!layers.isArray()) throw new EngineException(imageRef + ": the export's manifest.json lists no layers");
        List<String> out = new ArrayList<>();
        for (JsonNode l : layers) out.add(l.asText());
        return out;
    }

    /** A tar's first header has "ustar" at offset 257; a layer tar of an empty layer is all zeros. */
    private static boolean isTar(BufferedInputStream in) throws IOException {
        in.mark(1024);
        byte[] head = in.readNBytes(512);
        in.reset();
        if (head.length < 512) return false;
        String magic = new String(head, 257, 5, StandardCharsets.US_ASCII);
        if (magic.equals("ustar")) return true;
        for (byte b : head) if (b != 0) return false;
        return true;
    }

    /** The first pass: every entry's metadata, and the bytes of the package databases' files. */
    private static final class LayerIndexing implements LayerConsumer {
        @Override
        public LayerEntry entry(String layer, String path, TarArchiveEntry e, long apparent, InputStream content)
                throws IOException {
            FileEntry.Type type;
            String link = null;
            if (e.isDirectory()) {
                type = FileEntry.Type.DIRECTORY;
            } else if (e.isSymbolicLink()) {
                type = FileEntry.Type.SYMLINK;
                link = e.getLinkName(); // data only: never followed on disk
            } else if (e.isLink()) {
                link = LayerPath.of(e.getLinkName());
                type = link == null ? FileEntry.Type.OTHER : FileEntry.Type.HARDLINK;
            } else if (e.isFile()) {
                type = FileEntry.Type.FILE;
            } else {
                type = FileEntry.Type.OTHER;
            }
            long size = type == FileEntry.Type.FILE ? apparent : 0;
            byte[] bytes = null;
            long limit = type == FileEntry.Type.FILE ? PackageDatabases.captureLimit(path) : 0;
            if (limit > 0 && size <= limit) bytes = content.readNBytes((int) size);
            return new LayerEntry(path, type, size, e.getMode() & 07777, link, bytes);
        }
    }

    /** The ELF pass: copies of just the wanted files, per layer, to read their headers with random access. */
    private static final class ElfCopies implements LayerConsumer {
        private final Set<String> holders;
        private final Path spool;
        private final Map<String, Path> copies = new HashMap<>();

        ElfCopies(Set<String> holders, Path spool) {
            this.holders = holders;
            this.spool = spool;
        }

        @Override
        public LayerEntry entry(String layer, String path, TarArchiveEntry e, long apparent, InputStream content)
                throws IOException {
            if (!e.isFile() || !holders.contains(path)) return null;
            Path copy = spool.resolve("f" + copies.size()); // never a name from the image
            try (OutputStream out = Files.newOutputStream(copy)) {
                byte[] buf = new byte[64 << 10];
                long left = MAX_ELF_COPY;
                int n;
                while (left > 0 && (n = content.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                    out.write(buf, 0, n);
                    left -= n;
                }
            }
            copies.put(layer + "\0" + path, copy);
            return null;
        }
    }

    // ---------------------------------------------------------------- the cache

    /** The on-disk shape of an index. */
    record CacheFile(int version, String imageId, List<FileEntry> files, List<InstalledPackage> packages,
                     Map<String, ElfInfo> elf) {}

    /** The cache file of an image id; null when the id is not one the cache can name. */
    Path cacheFile(String imageId) {
        var m = IMAGE_ID.matcher(imageId == null ? "" : imageId);
        String key = m.matches() ? m.group(1) : sha256(imageId == null ? "" : imageId);
        return cacheDir.resolve(key + ".json.gz");
    }

    private Optional<ImageFiles> readCache(String imageId) {
        Path file = cacheFile(imageId);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            ImageFiles files = readSnapshot(file);
            return imageId.equals(files.imageId()) ? Optional.of(files) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a damaged or older cache file is read again from the engine and rewritten
        }
    }

    /** An index as {@link #writeSnapshot} stored it (gzip'd JSON); older versions are refused. */
    public static ImageFiles readSnapshot(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            CacheFile c = JSON.readValue(in, CacheFile.class);
            if (c.version() != CACHE_VERSION || c.files() == null) {
                throw new IOException(file + ": an index of format " + c.version() + ", not " + CACHE_VERSION);
            }
            Map<String, FileEntry> files = new HashMap<>();
            for (FileEntry f : c.files()) files.put(f.path(), f);
            return new ImageFiles(c.imageId(), files, c.packages() == null ? List.of() : c.packages(),
                    c.elf() == null ? Map.of() : c.elf());
        }
    }

    private void writeCache(ImageFiles files) throws EngineException {
        Path file = cacheFile(files.imageId());
        try {
            Files.createDirectories(cacheDir);
            writeSnapshot(files, file);
        } catch (IOException e) {
            throw new EngineException("cannot write BaseShift's index cache " + cacheDir + ": " + e.getMessage(), e);
        }
    }

    /** Stores an index (gzip'd JSON), atomically where the file system can. */
    public void writeSnapshot(ImageFiles files, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "index-", ".tmp");
        try {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
                JSON.writeValue(out, new CacheFile(CACHE_VERSION, files.imageId(), List.copyOf(files.entries()),
                        files.packages(), files.elfFiles()));
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the next run's temp cleanup
                }
            });
        } catch (IOException e) {
            // nothing to delete
        }
    }
}
