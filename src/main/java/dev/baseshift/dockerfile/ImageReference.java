package dev.baseshift.dockerfile;

/**
 * An image reference as written by the user ({@code original}), split into its parts.
 * Docker Hub shorthand is understood ({@code python} = {@code docker.io/library/python}) but {@link #toString()}
 * keeps the user's spelling style.
 *
 * @param registry   host[:port], or null when none was written (Docker Hub)
 * @param repository the path as written, e.g. {@code python}, {@code bitnami/redis}, {@code distroless/python3}
 * @param tag        null when absent
 * @param digest     {@code sha256:...} or null
 */
public record ImageReference(String original, String registry, String repository, String tag, String digest) {

    /** @throws IllegalArgumentException with a specific reason when the text is not a valid reference */
    public static ImageReference parse(String text) {
        throw new IllegalArgumentException("pending");
    }
}
