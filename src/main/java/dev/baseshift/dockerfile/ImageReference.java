package dev.baseshift.dockerfile;

import java.util.Locale;
import java.util.regex.Pattern;

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

    /** Docker Hub's canonical domain; the other spellings below mean the same registry. */
    public static final String DOCKER_HUB = "docker.io";

    // The grammar of github.com/distribution/reference, piece by piece so errors can say which piece is wrong.
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
                    + "|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern UNEXPANDED = Pattern.compile("\\$[{A-Za-z_]");
    private static final int MAX_NAME_LENGTH = 255;

    /** @throws IllegalArgumentException with a specific reason when the text is not a valid reference */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) throw invalid(text, "the image reference is empty");
        if (UNEXPANDED.matcher(text).find()) {
            throw invalid(text, "it contains an unexpanded variable");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) throw invalid(text, "whitespace is not allowed");
        }
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            checkDigest(text, digest);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (tag.isEmpty()) throw invalid(text, "the tag after ':' is empty");
            if (!TAG.matcher(tag).matches()) {
                throw invalid(text, "invalid tag '" + tag + "' (a tag is letters, digits, '_', '.' and '-', "
                        + "does not start with '.' or '-', and has at most 128 characters)");
            }
        }
        if (rest.isEmpty()) throw invalid(text, "the repository name is empty");
        if (rest.length() > MAX_NAME_LENGTH) {
            throw invalid(text, "the repository name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        String registry = null;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            // Docker's rule: the first component is a registry when it looks like a host (dot, port, localhost)
            // or has upper-case letters, which a path component may not have.
            boolean hostLike = first.contains(".") || first.contains(":") || first.equals("localhost");
            if (!hostLike && !first.equals(first.toLowerCase(Locale.ROOT))) {
                // Docker would take it for a registry host; no registry is named like that, it is a typo
                throw invalid(text, "uppercase letters are not allowed in a repository name ('" + first
                        + "' is no registry host either: a host has a '.' or a ':port', or is localhost)");
            }
            if (hostLike) {
                registry = first;
                path = rest.substring(slash + 1);
                if (!DOMAIN.matcher(registry).matches()) throw invalid(text, "invalid registry host '" + registry + "'");
                if (path.isEmpty()) throw invalid(text, "the repository name after the registry is empty");
            }
        }
        for (String component : path.split("/", -1)) {
            if (component.isEmpty()) throw invalid(text, "the repository name has an empty path component");
            if (!component.equals(component.toLowerCase(Locale.ROOT))) {
                throw invalid(text, "uppercase letters are not allowed in a repository name");
            }
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw invalid(text, "invalid repository name component '" + component + "' (lower-case letters and "
                        + "digits, separated by '.', '_', '__' or '-', not at the start or end)");
            }
        }
        return new ImageReference(text, registry, path, tag, digest);
    }

    private static void checkDigest(String text, String digest) {
        if (digest.isEmpty()) throw invalid(text, "the digest after '@' is empty");
        if (!DIGEST.matcher(digest).matches()) {
            throw invalid(text, "invalid digest '" + digest + "' (expected algorithm:hex, e.g. sha256: and 64 hex digits)");
        }
        if (digest.startsWith("sha256:") && digest.length() != "sha256:".length() + 64) {
            throw invalid(text, "invalid digest '" + digest + "' (a sha256 digest has exactly 64 hex digits)");
        }
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("invalid image reference '" + (text == null ? "" : text) + "': " + reason);
    }

    /** True when the registry is Docker Hub, however it was spelled (or not spelled at all). */
    public boolean onDockerHub() {
        return registry == null || isDockerHubHost(registry);
    }

    private static boolean isDockerHubHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals(DOCKER_HUB) || h.equals("index.docker.io") || h.equals("registry-1.docker.io");
    }

    /** The registry, normalised: {@code docker.io} for every Docker Hub spelling. */
    public String domain() {
        return onDockerHub() ? DOCKER_HUB : registry;
    }

    /** The repository path, normalised: official Docker Hub images get {@code library/} ({@code library/python}). */
    public String path() {
        return onDockerHub() && !repository.contains("/") ? "library/" + repository : repository;
    }

    /** {@code domain/path}, e.g. {@code docker.io/library/python}: equal for every spelling of the same repository. */
    public String canonicalName() {
        return domain() + "/" + path();
    }

    /** The short name Docker shows: {@code python}, {@code bitnami/redis}, {@code gcr.io/distroless/static-debian13}. */
    public String familiarName() {
        if (!onDockerHub()) return registry + "/" + repository;
        String p = path();
        return p.startsWith("library/") ? p.substring("library/".length()) : p;
    }

    /** The same repository, spelled as the user spelled it, with another tag; the digest is dropped (it named other content). */
    public ImageReference withTag(String newTag) {
        return build(registry, repository, newTag, null);
    }

    /** The same reference without its digest pin. */
    public ImageReference withoutDigest() {
        return build(registry, repository, tag, null);
    }

    /**
     * Another repository written in this reference's style, without tag or digest: when both are on Docker Hub the
     * user's registry spelling ({@code docker.io/library/…}, {@code index.docker.io/…}, none) carries over.
     */
    public ImageReference withRepository(String reference) {
        ImageReference target = parse(reference).withoutDigest();
        if (!target.onDockerHub() || !onDockerHub()) return target.withTag(null);
        String path = target.familiarName();
        if (registry != null && repository.startsWith("library/") && !path.contains("/")) path = "library/" + path;
        return build(registry, path, null, null);
    }

    private static ImageReference build(String registry, String repository, String tag, String digest) {
        StringBuilder sb = new StringBuilder();
        if (registry != null) sb.append(registry).append('/');
        sb.append(repository);
        if (tag != null) sb.append(':').append(tag);
        if (digest != null) sb.append('@').append(digest);
        return new ImageReference(sb.toString(), registry, repository, tag, digest);
    }

    /** The reference exactly as the user wrote it. */
    @Override
    public String toString() {
        return original;
    }
}
