package dev.baseshift.diagnosis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads dpkg's database: {@code /var/lib/dpkg/status} (control stanzas) with {@code /var/lib/dpkg/info/PKG.list}
 * (one owned path a line), and the one-stanza-per-file {@code /var/lib/dpkg/status.d/PKG} that distroless images
 * carry instead, whose {@code PKG.md5sums} lists the files.
 */
public final class DpkgDatabase {
    private DpkgDatabase() {}

    /** One control stanza's fields, keys as written ("Package", "Version", "Status", …). */
    public static List<Map<String, String>> stanzas(byte[] text) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String lastKey = null;
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.isBlank()) {
                if (!current.isEmpty()) out.add(current);
                current = new LinkedHashMap<>();
                lastKey = null;
            } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (lastKey != null) current.merge(lastKey, "\n" + line.strip(), String::concat);
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0) continue; // not a field; dpkg would complain, we read on
                lastKey = line.substring(0, colon).strip();
                current.put(lastKey, line.substring(colon + 1).strip());
            }
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

    /** True for "install ok installed" and for stanzas without a Status field (distroless status.d). */
    static boolean installed(Map<String, String> stanza) {
        String status = stanza.get("Status");
        if (status == null) return true;
        String[] words = status.trim().split("\\s+");
        return words.length == 3 && words[2].equals("installed");
    }

    /**
     * Packages from a status file, with the files of their {@code .list} (looked up as "PKG" and "PKG:ARCH").
     *
     * @param lists the contents of {@code /var/lib/dpkg/info/*.list} by file name without ".list"
     */
    public static List<InstalledPackage> fromStatus(byte[] status, Map<String, byte[]> lists) {
        List<InstalledPackage> out = new ArrayList<>();
        for (Map<String, String> stanza : stanzas(status)) {
            String name = stanza.get("Package");
            if (name == null || !installed(stanza)) continue;
            byte[] list = lists.get(name);
            String arch = stanza.get("Architecture");
            if (list == null && arch != null) list = lists.get(name + ":" + arch);
            out.add(new InstalledPackage(name, stanza.getOrDefault("Version", ""), InstalledPackage.Manager.DPKG,
                    list == null ? List.of() : listedPaths(list), List.of()));
        }
        return out;
    }

    /** The paths of a .list file, normalised; the "/." line and unsafe names are dropped. */
    public static List<String> listedPaths(byte[] list) {
        List<String> out = new ArrayList<>();
        for (String line : new String(list, StandardCharsets.UTF_8).split("\n")) {
            String p = LayerPath.of(line.strip());
            if (p != null && !p.equals("/")) out.add(p);
        }
        return out;
    }

    /**
     * A distroless {@code status.d} entry: its stanza and, when present, its md5sums ("HASH  relative/path" lines).
     */
    public static List<InstalledPackage> fromStatusD(byte[] stanzaFile, byte[] md5sums) {
        List<String> files = new ArrayList<>();
        if (md5sums != null) {
            for (String line : new String(md5sums, StandardCharsets.UTF_8).split("\n")) {
                String[] parts = line.strip().split("\\s+", 2);
                if (parts.length < 2) continue;
                String p = LayerPath.of(parts[1]);
                if (p != null && !p.equals("/")) files.add(p);
            }
        }
        List<InstalledPackage> out = new ArrayList<>();
        for (Map<String, String> stanza : stanzas(stanzaFile)) {
            String name = stanza.get("Package");
            if (name == null || !installed(stanza)) continue;
            out.add(new InstalledPackage(name, stanza.getOrDefault("Version", ""), InstalledPackage.Manager.DPKG,
                    out.isEmpty() ? files : List.of(), List.of()));
        }
        return out;
    }
}
