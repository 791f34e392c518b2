package dev.baseshift.engine;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * What a registry stores of an image's own layers, and so what a pull of them downloads: each layer tar gzip-compressed
 * at the default level, as {@code docker push} compresses it (another gzip implementation may differ by a few
 * tenths of a percent). Measured from the engine's export ({@code docker save}), never written to disk; each layer's
 * size is cached by its diff id, so a layer measured once (a cached step, a rebuild that kept it) costs nothing again.
 *
 * <p>The export names layers by their v1 ids (Docker 20.10) or by digest (the OCI layout of newer engines and
 * Podman). Every layer tar is hashed as it passes, which tells its diff id; the layers asked for are compressed as
 * they pass when small enough, and a second pass compresses the large ones once their names are known.
 */
public final class LayerDownloads {
    /** Layer tars up to this size are compressed on the first pass, in case they are among those asked for. */
    static final long FIRST_PASS_LIMIT = 64L << 20;
    private static final Pattern DIFF_ID = Pattern.compile("sha256:[0-9a-f]{64}");

    private final ContainerEngine engine;
    private final Path cacheDir;

    /** @param cacheDir one small file per diff id; created when first needed (null: no cache) */
    public LayerDownloads(ContainerEngine engine, Path cacheDir) {
        this.engine = engine;
        this.cacheDir = cacheDir;
    }

    /** {@code $XDG_CACHE_HOME/baseshift/layers}, else {@code ~/.cache/baseshift/layers}. */
    public static Path defaultCacheDir() {
        return ImageIndexer.defaultCacheDir().resolveSibling("layers");
    }

    /**
     * The compressed size of each of {@code diffIds} (layers of {@code imageRef}), by diff id.
     *
     * @throws EngineException when the export cannot be read or does not hold one of the layers
     */
    public Map<String, Long> compressed(String imageRef, Collection<String> diffIds) throws EngineException {
        Set<String> wanted = new LinkedHashSet<>(diffIds);
        Map<String, Long> out = new HashMap<>();
        for (String d : wanted) cached(d).ifPresent(v -> out.put(d, v));
        if (out.keySet().containsAll(wanted)) return out;

        Set<String> missing = new LinkedHashSet<>(wanted);
        missing.removeAll(out.keySet());
        Map<String, String> nameToDiff = new HashMap<>();
        pass(imageRef, missing, null, nameToDiff, out);
        missing.removeAll(out.keySet());
        if (!missing.isEmpty()) {
            Set<String> names = new LinkedHashSet<>();
            nameToDiff.forEach((name, diff) -> {
                if (missing.contains(diff)) names.add(name);
            });
            pass(imageRef, missing, names, nameToDiff, out);
            missing.removeAll(out.keySet());
        }
        if (!missing.isEmpty()) {
            throw new EngineException("the export of " + imageRef + " holds no layer " + missing.iterator().next());
        }
        return out;
    }

    /**
     * One read of the export.
     *
     * @param onlyNames null on the first pass (every layer tar is hashed, small ones compressed); else the entries to
     *                  compress, all others skipped unread
     */
    private void pass(String imageRef, Set<String> wanted, Set<String> onlyNames, Map<String, String> nameToDiff,
                      Map<String, Long> out) throws EngineException {
        try (InputStream raw = engine.saveImage(imageRef);
             TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (!e.isFile()) continue;
                String name = e.getName();
                boolean layer = name.endsWith("/layer.tar") || name.startsWith("blobs/sha256/");
                if (!layer) continue;
                if (onlyNames != null && !onlyNames.contains(name)) continue;
                // an OCI blob's name is its digest: for an uncompressed layer, its diff id
                String named = name.startsWith("blobs/sha256/") ? "sha256:" + name.substring(13) : null;
                boolean compress = onlyNames != null || (named != null && wanted.contains(named))
                        || (named == null && e.getSize() <= FIRST_PASS_LIMIT);
                Measured m = measure(tar, compress);
                String diff = "sha256:" + m.sha256();
                nameToDiff.put(name, diff);
                if (compress && wanted.contains(diff)) {
                    out.put(diff, m.compressed());
                    store(diff, m.compressed());
                }
            }
        } catch (IOException e) {
            throw new EngineException("cannot read the layers of " + imageRef + ": " + e.getMessage(), e);
        }
    }

    private record Measured(String sha256, long compressed) {}

    private static Measured measure(InputStream in, boolean compress) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Counting counter = new Counting();
        byte[] buf = new byte[1 << 16];
        if (compress) {
            try (GZIPOutputStream gzip = new GZIPOutputStream(counter, 1 << 16)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                    gzip.write(buf, 0, n);
                }
            }
        } else {
            for (int n; (n = in.read(buf)) > 0; ) sha.update(buf, 0, n);
        }
        return new Measured(HexFormat.of().formatHex(sha.digest()), compress ? counter.count : -1);
    }

    /** Counts what is written to it and keeps nothing. */
    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private Optional<Long> cached(String diffId) {
        if (cacheDir == null || !DIFF_ID.matcher(diffId).matches()) return Optional.empty();
        try {
            return Optional.of(Long.parseLong(Files.readString(cacheDir.resolve(diffId.substring(7))).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void store(String diffId, long compressed) {
        if (cacheDir == null || !DIFF_ID.matcher(diffId).matches()) return;
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempFile(cacheDir, "layer", ".tmp");
            Files.writeString(tmp, Long.toString(compressed), StandardCharsets.US_ASCII);
            Files.move(tmp, cacheDir.resolve(diffId.substring(7)), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // a cache that cannot be written only costs a measurement next time
        }
    }

    /** The diff ids of {@code image} above the first {@code baseLayers}, or empty when the base is not below it. */
    public static Optional<List<String>> above(ImageDetails.Local image, ImageDetails.Local base) {
        List<String> ids = image.diffIds();
        List<String> below = base.diffIds();
        if (below.size() > ids.size() || !ids.subList(0, below.size()).equals(below)) return Optional.empty();
        return Optional.of(ids.subList(below.size(), ids.size()));
    }
}
