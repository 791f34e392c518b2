package dev.baseshift.dockerfile;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The ARGs BuildKit defines for every build without a declaration ({@code TARGETPLATFORM}, {@code TARGETARCH}, …,
 * {@code BUILDPLATFORM}, …), so {@code FROM base-${TARGETARCH}} reads as the engine would build it. The platform is
 * this machine's (Linux on its CPU), which is the local engine's; a {@code --build-arg} of the same name wins.
 */
public final class PlatformArgs {
    private PlatformArgs() {}

    /** For the platform {@code os/arch[/variant]}. */
    public static Map<String, String> of(String platform) {
        String[] parts = platform.split("/");
        String os = parts[0];
        String arch = parts.length > 1 ? parts[1] : "amd64";
        String variant = parts.length > 2 ? parts[2] : "";
        Map<String, String> out = new LinkedHashMap<>();
        for (String side : new String[] {"TARGET", "BUILD"}) {
            out.put(side + "PLATFORM", platform);
            out.put(side + "OS", os);
            out.put(side + "ARCH", arch);
            out.put(side + "VARIANT", variant);
        }
        return out;
    }

    /** This machine's platform: linux/amd64, linux/arm64, linux/arm/v7, … */
    public static String hostPlatform() {
        String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "linux/amd64";
            case "aarch64", "arm64" -> "linux/arm64";
            case "arm", "armv7", "armv7l" -> "linux/arm/v7";
            case "x86", "i386", "i686" -> "linux/386";
            case "ppc64le", "s390x", "riscv64" -> "linux/" + arch;
            default -> "linux/" + arch;
        };
    }
}
