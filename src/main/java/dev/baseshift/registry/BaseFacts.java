package dev.baseshift.registry;

import java.util.List;

/**
 * What is known about one base image without pulling it.
 *
 * @param reference         the image reference as written
 * @param source            where the facts come from, or null when nothing is known ({@code problem} says why)
 * @param digest            the digest the reference resolves to (an index's digest for multi-platform images)
 * @param compressedBytes   what a pull downloads for {@code platform}: the sum of its layers' compressed sizes;
 *                          null when unknown (local only, or the platform is missing)
 * @param sizeBytes         the exact on-disk size, only when the image is in the local engine
 * @param platforms         the platforms the reference offers (os/arch[/variant])
 * @param created           the image config's creation time (ISO-8601), or null
 * @param layers            the layer count for {@code platform}, or null
 * @param imageId           the local image id (local only)
 * @param platform          the platform these sizes are for
 * @param platformAvailable false when the image has no {@code platform}; null when unknown
 * @param tagExists         true / false from the registry; null when it could not be asked
 * @param stale             true when read from the cache because the registry did not answer
 * @param readAt            when the registry was last read for these facts (ISO-8601; null for purely local facts)
 * @param problem           why the registry could not be read (names the registry), or null
 */
public record BaseFacts(String reference, Source source, String digest, Long compressedBytes, Long sizeBytes,
                        List<String> platforms, String created, Integer layers, String imageId, String platform,
                        Boolean platformAvailable, Boolean tagExists, boolean stale, String readAt, String problem) {

    public enum Source {
        LOCAL, REGISTRY, CACHE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public BaseFacts {
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
    }

    /** Nothing known: the registry could not be asked and nothing was cached. */
    public static BaseFacts unavailable(String reference, Platform platform, String problem) {
        return new BaseFacts(reference, null, null, null, null, List.of(), null, null, null, platform.toString(),
                null, null, false, null, problem);
    }

    /** True when this base cannot be used as asked: its tag does not exist, or it lacks the platform. */
    public boolean flagged() {
        return Boolean.FALSE.equals(tagExists) || Boolean.FALSE.equals(platformAvailable);
    }

    /** The one line a user sees for a flag ("no such tag on docker.io", "no linux/arm64 image"), or null. */
    public String flag() {
        if (Boolean.FALSE.equals(tagExists)) return "no such tag";
        if (Boolean.FALSE.equals(platformAvailable)) {
            return "no " + platform + " image (has " + (platforms.isEmpty() ? "none" : String.join(", ", platforms)) + ")";
        }
        return null;
    }

    BaseFacts withLocal(LocalFacts.LocalImage local) {
        return new BaseFacts(reference, Source.LOCAL, digest != null ? digest : local.repoDigest(), compressedBytes,
                local.sizeBytes(), platforms.isEmpty() ? List.of(local.platform().toString()) : platforms,
                local.created() != null ? local.created() : created, local.layers(), local.id(), platform,
                platformAvailable != null ? platformAvailable : Boolean.TRUE, tagExists, false, readAt, problem);
    }

    BaseFacts asStale(String why) {
        return new BaseFacts(reference, Source.CACHE, digest, compressedBytes, sizeBytes, platforms, created, layers,
                imageId, platform, platformAvailable, tagExists, true, readAt, why);
    }

    BaseFacts fromCache() {
        return new BaseFacts(reference, Source.CACHE, digest, compressedBytes, sizeBytes, platforms, created, layers,
                imageId, platform, platformAvailable, tagExists, false, readAt, null);
    }
}
