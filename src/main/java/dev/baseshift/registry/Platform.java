package dev.baseshift.registry;

import java.util.Locale;
import java.util.Objects;

/**
 * An image platform as {@code --platform} spells it: {@code os/arch[/variant]} (linux/amd64, linux/arm64/v8).
 *
 * @param variant null when not given; {@code arm64} without a variant means {@code v8}, as Docker reads it
 */
public record Platform(String os, String architecture, String variant) {
    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

    public Platform {
        Objects.requireNonNull(os);
        Objects.requireNonNull(architecture);
        if (variant != null && variant.isEmpty()) variant = null;
    }

    /** @throws IllegalArgumentException saying what is wrong with the text */
    public static Platform parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty platform (expected os/arch[/variant], e.g. linux/amd64)");
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("'" + text + "' is not a platform (expected os/arch[/variant], e.g. linux/arm64)");
        }
        for (String p : parts) {
            if (!p.matches("[a-z0-9_.-]+")) {
                throw new IllegalArgumentException("'" + text + "' is not a platform (expected os/arch[/variant], e.g. linux/arm64)");
            }
        }
        return new Platform(parts[0], normaliseArch(parts[1]), parts.length == 3 ? parts[2] : null);
    }

    /** The engine's own platform from its reported os and architecture (Docker reports x86_64 or amd64). */
    public static Platform ofEngine(String os, String arch) {
        return new Platform(os == null || os.isBlank() ? "linux" : os.toLowerCase(Locale.ROOT),
                normaliseArch(arch == null || arch.isBlank() ? "amd64" : arch), null);
    }

    private static String normaliseArch(String arch) {
        String a = arch.toLowerCase(Locale.ROOT);
        return switch (a) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> a;
        };
    }

    /**
     * Whether an image of {@code other} runs as this platform: same os and architecture, and the same variant
     * when both name one (arm64 and arm64/v8 are the same).
     */
    public boolean accepts(Platform other) {
        if (!os.equals(other.os) || !architecture.equals(other.architecture)) return false;
        String mine = effectiveVariant();
        String theirs = other.effectiveVariant();
        return mine == null || theirs == null || mine.equals(theirs);
    }

    private String effectiveVariant() {
        if (variant == null && architecture.equals("arm64")) return "v8";
        return variant;
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant != null ? "/" + variant : "");
    }
}
