package dev.baseshift.advice;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The package manager families whose commands the rules recognise, with the command that installs on each. */
enum PackageManager {
    APT("apt", "Debian/Ubuntu", List.of("apt-get", "apt", "aptitude", "dpkg", "apt-mark", "apt-cache", "dpkg-query",
            "dpkg-architecture", "dpkg-reconfigure")),
    APK("apk", "Alpine", List.of("apk")),
    RPM("rpm", "Fedora/RHEL", List.of("dnf", "yum", "microdnf", "rpm"));

    private final String key;
    private final String distribution;
    private final List<String> programs;

    PackageManager(String key, String distribution, List<String> programs) {
        this.key = key;
        this.distribution = distribution;
        this.programs = programs;
    }

    /** The key of this family's column in packages.json. */
    String key() { return key; }

    String distribution() { return distribution; }

    /** The family a base's {@code packageManager} trait names (apt, apk, dnf, yum, microdnf). */
    static Optional<PackageManager> ofTrait(String trait) {
        if (trait == null) return Optional.empty();
        String t = trait.toLowerCase(Locale.ROOT);
        for (PackageManager m : values()) if (m.key.equals(t) || m.programs.contains(t)) return Optional.of(m);
        return Optional.empty();
    }

    /** The family of a program name such as {@code apt-get} or {@code microdnf}. */
    static Optional<PackageManager> ofProgram(String program) {
        for (PackageManager m : values()) if (m.programs.contains(program)) return Optional.of(m);
        return Optional.empty();
    }

    /**
     * The command that installs {@code packages} here, written the way this family's images expect (no cache left).
     *
     * @param program the manager the target names (dnf, yum, microdnf), used for the rpm family
     */
    String installCommand(String program, List<String> packages) {
        String names = String.join(" ", packages);
        return switch (this) {
            case APK -> "apk add --no-cache " + names;
            case APT -> "apt-get update && apt-get install -y --no-install-recommends " + names
                    + " && rm -rf /var/lib/apt/lists/*";
            case RPM -> {
                String p = program == null || program.equals("rpm") ? "dnf" : program;
                yield p + " install -y " + names + " && " + p + " clean all";
            }
        };
    }

    String removeCommand(String program, List<String> packages) {
        String names = String.join(" ", packages);
        return switch (this) {
            case APK -> "apk del " + names;
            case APT -> "apt-get purge -y --auto-remove " + names;
            case RPM -> (program == null || program.equals("rpm") ? "dnf" : program) + " remove -y " + names;
        };
    }
}
