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
        String n = projectDir.toAbsolutePath().normalize().getFileName() == null ? "project"
                : projectDir.toAbsolutePath().normalize().getFileName().toString();
        String slug = n.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "project" : slug;
    }
}
