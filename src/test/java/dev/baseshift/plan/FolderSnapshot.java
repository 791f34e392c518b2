package dev.baseshift.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Path → content hash (and mtime) of every file under a folder, to prove a folder was not written. */
public final class FolderSnapshot {
    private FolderSnapshot() {}

    public static Map<String, String> of(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.forEach(p -> {
                try {
                    String rel = root.relativize(p).toString();
                    if (Files.isRegularFile(p)) {
                        MessageDigest md = MessageDigest.getInstance("SHA-256");
                        out.put(rel, HexFormat.of().formatHex(md.digest(Files.readAllBytes(p)))
                                + "@" + Files.getLastModifiedTime(p).toMillis());
                    } else {
                        out.put(rel, "dir");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return out;
    }
}
