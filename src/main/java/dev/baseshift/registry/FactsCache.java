package dev.baseshift.registry;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Registry facts on disk, one small JSON file per reference and platform, holding the digest they were read for
 * and when: a lookup whose HEAD returns the same digest needs no more requests, and offline the last facts are
 * shown as stale. A corrupt file counts as absent.
 */
public final class FactsCache {
    private final Path dir;
    private final ObjectMapper json;

    public FactsCache(Path dir) {
        this.dir = dir;
        this.json = new ObjectMapper();
    }

    public Optional<BaseFacts> get(String reference, Platform platform) {
        Path f = file(reference, platform);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            BaseFacts facts = json.readValue(f.toFile(), BaseFacts.class);
            return facts.reference() != null && facts.reference().equals(reference) ? Optional.of(facts) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Best effort: a cache that cannot be written only costs requests next time. */
    public void put(BaseFacts facts, Platform platform) {
        try {
            Files.createDirectories(dir);
            Path f = file(facts.reference(), platform);
            Path tmp = Files.createTempFile(dir, "facts", ".tmp");
            Files.writeString(tmp, json.writeValueAsString(facts), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException ignored) {
            // read-only home, full disk: the facts are still shown
        }
    }

    private Path file(String reference, Platform platform) {
        return dir.resolve(RegistryClient.sha256((reference + " " + platform).getBytes(StandardCharsets.UTF_8))
                .substring("sha256:".length(), 40) + ".json");
    }
}
