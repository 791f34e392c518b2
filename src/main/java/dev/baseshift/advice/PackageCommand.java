package dev.baseshift.advice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A package-manager call seen in a RUN: which family, what it does, which packages it names.
 *
 * @param packages package names as written (pins included); local files ({@code ./x.deb}) are not among them
 */
record PackageCommand(Command command, PackageManager manager, Action action, List<String> packages) {

    enum Action { INSTALL, REMOVE, OTHER }

    /** Options that take the next word as their value, per family. */
    private static final Set<String> APT_VALUE_OPTIONS = Set.of("-o", "-t", "--target-release", "-c", "--config-file");
    private static final Set<String> APK_VALUE_OPTIONS = Set.of("-t", "--virtual", "-X", "--repository", "-p",
            "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file");
    private static final Set<String> RPM_VALUE_OPTIONS = Set.of("--setopt", "--enablerepo", "--disablerepo",
            "--installroot", "--releasever", "-c", "--config");

    static Optional<PackageCommand> of(Command c) {
        return PackageManager.ofProgram(c.program()).map(m -> parse(c, m));
    }

    private static PackageCommand parse(Command c, PackageManager m) {
        String program = c.program();
        Set<String> valueOptions = switch (m) {
            case APT -> APT_VALUE_OPTIONS;
            case APK -> APK_VALUE_OPTIONS;
            case RPM -> RPM_VALUE_OPTIONS;
        };
        if (program.equals("dpkg") || program.equals("rpm")) {
            boolean install = c.args().stream().anyMatch(a -> a.equals("-i") || a.equals("--install")
                    || a.matches("-[A-Za-z]*[iU][A-Za-z]*") && program.equals("rpm"));
            return new PackageCommand(c, m, install ? Action.INSTALL : Action.OTHER, List.of());
        }
        String verb = null;
        List<String> names = new ArrayList<>();
        List<String> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-")) {
                if (valueOptions.contains(a)) i++;
                continue;
            }
            if (verb == null) {
                verb = a;
            } else if (!a.startsWith(".") && !a.startsWith("/") && !a.endsWith(".deb") && !a.endsWith(".rpm")
                    && !a.endsWith(".apk") && !a.contains("://")) {
                names.add(a);
            }
        }
        Action action = verb == null ? Action.OTHER : switch (verb) {
            case "install", "add", "reinstall" -> Action.INSTALL;
            case "remove", "purge", "del", "erase", "autoremove" -> Action.REMOVE;
            default -> Action.OTHER;
        };
        return new PackageCommand(c, m, action, action == Action.OTHER ? List.of() : names);
    }
}
