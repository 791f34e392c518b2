package dev.baseshift.app;

import dev.baseshift.compare.Sizes;
import dev.baseshift.registry.BaseFacts;

import java.util.ArrayList;
import java.util.List;

/** How both faces say what a base weighs: one line for {@code plan}, a short label for the slider. */
public final class BaseFactsText {
    private BaseFactsText() {}

    /**
     * "28.3 MB to pull (linux/amd64) · 75.1 MB on disk · 3 layers · platforms linux/amd64, linux/arm64 · local engine
     * + registry", "no such tag on docker.io", or "unknown: docker.io: cannot connect".
     */
    public static String line(BaseFacts f) {
        return line(f, true);
    }

    /** @param withProblem false: leave out why the registry could not be read (said once elsewhere) */
    public static String line(BaseFacts f, boolean withProblem) {
        if (f.source() == BaseFacts.Source.LOCAL && Long.valueOf(0).equals(f.sizeBytes()) && f.imageId() == null) {
            return "empty (FROM scratch): nothing to pull";
        }
        if (f.flag() != null && Boolean.FALSE.equals(f.tagExists())) {
            return "✗ " + (f.problem() != null ? f.problem() : f.reference() + ": no such tag");
        }
        List<String> parts = new ArrayList<>();
        if (Boolean.FALSE.equals(f.platformAvailable())) parts.add("✗ " + f.flag());
        if (f.compressedBytes() != null) parts.add(Sizes.format(f.compressedBytes()) + " to pull (" + f.platform() + ")");
        if (f.sizeBytes() != null) parts.add(Sizes.format(f.sizeBytes()) + " on disk");
        if (f.layers() != null && f.layers() > 0) parts.add(f.layers() + (f.layers() == 1 ? " layer" : " layers"));
        if (f.platforms().size() > 1) parts.add("platforms " + String.join(", ", f.platforms()));
        if (parts.isEmpty()) return "unknown" + (f.problem() != null && withProblem ? ": " + f.problem() : "");
        parts.add(source(f, withProblem));
        return String.join(" · ", parts);
    }

    /** The slider's label under a tick: "↓28 MB", "75 MB", "✗ no tag", "?" when nothing is known. */
    public static String tick(BaseFacts f) {
        if (f == null) return "";
        if (f.source() == BaseFacts.Source.LOCAL && Long.valueOf(0).equals(f.sizeBytes()) && f.imageId() == null) return "empty";
        if (Boolean.FALSE.equals(f.tagExists())) return "✗ no such tag";
        if (Boolean.FALSE.equals(f.platformAvailable())) return "✗ no " + f.platform();
        if (f.compressedBytes() != null) return "↓" + Sizes.format(f.compressedBytes()) + (f.stale() ? "*" : "");
        if (f.sizeBytes() != null) return Sizes.format(f.sizeBytes()) + " local";
        return "?";
    }

    /** Why registries could not be read, once per distinct reason (the lines leave it out). */
    public static List<String> problems(java.util.Collection<BaseFacts> facts) {
        return facts.stream().filter(f -> f != null && f.problem() != null && !Boolean.FALSE.equals(f.tagExists()))
                .map(BaseFacts::problem).distinct().toList();
    }

    private static String source(BaseFacts f, boolean withProblem) {
        String where = switch (f.source()) {
            case LOCAL -> f.compressedBytes() != null || f.readAt() != null ? "local engine + registry" : "local engine";
            case REGISTRY -> "registry";
            // not stale: the registry answered with the digest the cache holds
            case CACHE -> f.stale() ? "cached " + (f.readAt() == null ? "" : f.readAt().replaceFirst("\\.\\d+Z$", "Z"))
                    : "registry";
        };
        if (f.stale()) where += withProblem ? " (stale: " + f.problem() + ")" : " (stale)";
        else if (withProblem && f.source() == BaseFacts.Source.LOCAL && f.problem() != null) {
            where += " (registry: " + f.problem() + ")";
        }
        return where;
    }
}
