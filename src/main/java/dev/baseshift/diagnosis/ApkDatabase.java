package dev.baseshift.diagnosis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Alpine's {@code /lib/apk/db/installed}: stanzas separated by blank lines, "P:" name, "V:" version, "F:" a
 * folder (relative to the root) and "R:" a file in the folder named last.
 */
public final class ApkDatabase {
    private ApkDatabase() {}

    public static List<InstalledPackage> read(byte[] installed) {
        List<InstalledPackage> out = new ArrayList<>();
        String name = null;
        String version = "";
        String folder = "/";
        List<String> files = new ArrayList<>();
        for (String line : (new String(installed, StandardCharsets.UTF_8) + "\n\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (name != null) out.add(new InstalledPackage(name, version, InstalledPackage.Manager.APK, files,
                        List.of()));
                name = null;
                version = "";
                folder = "/";
                files = new ArrayList<>();
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != ':') continue;
            String value = line.substring(2).strip();
            switch (line.charAt(0)) {
                case 'P' -> name = value;
                case 'V' -> version = value;
                case 'F' -> {
                    String p = LayerPath.of(value);
                    folder = p == null ? null : p;
                }
                case 'R' -> {
                    if (folder == null) break; // folder climbed out of the root: not a file of the image
                    String p = LayerPath.of(LayerPath.join(folder, value).substring(1));
                    if (p != null && LayerPath.parent(p).equals(folder)) files.add(p);
                }
                default -> { }
            }
        }
        return out;
    }
}
