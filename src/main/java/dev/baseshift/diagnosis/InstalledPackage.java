package dev.baseshift.diagnosis;

import java.util.List;
import java.util.Locale;

/**
 * A package an image's package database says is installed.
 *
 * @param name     the manager's name for it (dpkg "python3-numpy", apk "py3-numpy", pip distribution "numpy",
 *                 npm "left-pad")
 * @param version  as the database records it, may be empty
 * @param files    absolute paths it owns, as far as the database lists them (dpkg .list, apk R: lines, pip RECORD,
 *                 the npm package folder)
 * @param provides for pip: the top-level import names (top_level.txt, else derived from RECORD); for npm: the
 *                 require name; else empty
 */
public record InstalledPackage(String name, String version, Manager manager, List<String> files,
                               List<String> provides) {
    public InstalledPackage {
        files = List.copyOf(files);
        provides = List.copyOf(provides);
    }

    public enum Manager {
        DPKG, APK, PIP, NPM;

        /** JSON spelling: dpkg, apk, pip, npm. */
        public String id() { return name().toLowerCase(Locale.ROOT); }
    }
}
