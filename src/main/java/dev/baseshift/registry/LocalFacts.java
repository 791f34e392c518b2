package dev.baseshift.registry;

import java.util.Optional;

/**
 * The local engine's view of an image, handed in by the faces (the engine sits above the planner, so the planner
 * and this package cannot ask it themselves).
 */
@FunctionalInterface
public interface LocalFacts {
    /** No engine: nothing is local. */
    LocalFacts NONE = reference -> Optional.empty();

    /** The image when the engine has it; empty when it does not (or no engine answers). */
    Optional<LocalImage> inspect(String reference);

    /**
     * @param sizeBytes  the exact size {@code docker image inspect} reports
     * @param repoDigest the registry digest the engine recorded when it pulled the image, or null
     */
    record LocalImage(String id, long sizeBytes, String created, int layers, Platform platform, String repoDigest) {}
}
