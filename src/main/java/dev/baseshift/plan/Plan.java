package dev.baseshift.plan;

import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.StageGraph;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything known about a project before anything is built.
 *
 * @param projectDir     the project folder
 * @param dockerfilePath the Dockerfile, relative to the project folder, with '/' separators
 * @param variants       ordered along the spectrum, fullest first; exactly one is {@code original}
 * @param probes         suggested, project and user probes, in that order
 * @param buildArgs      build args passed through to every build
 * @param target         the target stage or null
 */
public record Plan(Path projectDir, String dockerfilePath, Dockerfile dockerfile, StageGraph graph, BaseInfo base,
                   List<Variant> variants, List<Probe> probes, Map<String, String> buildArgs, String target) {
    public Plan {
        variants = List.copyOf(variants);
        probes = List.copyOf(probes);
        buildArgs = Map.copyOf(buildArgs);
    }

    public Variant originalVariant() {
        return variants.stream().filter(Variant::original).findFirst().orElseThrow();
    }

    public Optional<Variant> variant(dev.baseshift.catalog.Tier tier) {
        return variants.stream().filter(v -> v.tier() == tier).findFirst();
    }

    /** A short name for tags and labels: lower-case letters, digits and dashes. */
    public String projectSlug() {
        return slug(projectDir.toAbsolutePath().normalize());
    }

    private static String slug(Path dir) {
        String n = dir.getFileName() == null ? "project" : dir.getFileName().toString();
        String slug = n.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "project" : slug;
    }

    /**
     * The project's name in the engine: its slug and the first 8 hex digits of the SHA-256 of its real path, so two
     * folders named alike ({@code ~/a/app}, {@code ~/b/app}) never share {@code baseshift/<key>:<tier>} tags.
     */
    public String projectKey() {
        return projectKey(projectDir);
    }

    /** {@link #projectKey()} of a project folder. */
    public static String projectKey(Path projectDir) {
        Path real;
        try {
            real = projectDir.toRealPath();
        } catch (java.io.IOException e) {
            real = projectDir.toAbsolutePath().normalize();
        }
        String slug = slug(real);
        if (slug.length() > 40) slug = slug.substring(0, 40).replaceAll("-+$", "");
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(real.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return slug + "-" + java.util.HexFormat.of().formatHex(d, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository BaseShift tags this project's variant images with: {@code baseshift/<key>}. */
    public String imageRepository() {
        return "baseshift/" + projectKey();
    }
}
