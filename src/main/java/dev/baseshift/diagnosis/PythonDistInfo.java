package dev.baseshift.diagnosis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads one installed Python distribution's {@code NAME-VERSION.dist-info} folder: METADATA (Name, Version),
 * top_level.txt (import names) and RECORD (installed files, CSV, paths relative to the site-packages folder that
 * holds the dist-info, so "../../../bin/tool" leaves it).
 */
public final class PythonDistInfo {
    private PythonDistInfo() {}

    /**
     * @param distInfo absolute path of the dist-info folder
     * @param metadata METADATA bytes, or null (then name and version come from the folder name)
     * @param topLevel top_level.txt bytes, or null (then import names are derived from RECORD)
     * @param record   RECORD bytes, or null
     */
    public static InstalledPackage read(String distInfo, byte[] metadata, byte[] topLevel, byte[] record) {
        String folder = LayerPath.name(distInfo);
        String stem = folder.substring(0, folder.length() - ".dist-info".length());
        int dash = stem.indexOf('-');
        String name = dash < 0 ? stem : stem.substring(0, dash);
        String version = dash < 0 ? "" : stem.substring(dash + 1);
        if (metadata != null) {
            for (String line : new String(metadata, StandardCharsets.UTF_8).split("\n")) {
                line = line.stripTrailing();
                if (line.isEmpty()) break; // headers end at the first blank line; the description follows
                if (line.regionMatches(true, 0, "Name:", 0, 5)) name = line.substring(5).strip();
                else if (line.regionMatches(true, 0, "Version:", 0, 8)) version = line.substring(8).strip();
            }
        }
        String site = LayerPath.parent(distInfo);
        List<String> files = new ArrayList<>();
        if (record != null) {
            for (String line : new String(record, StandardCharsets.UTF_8).split("\n")) {
                String relative = firstCsvField(line.stripTrailing());
                if (relative.isEmpty()) continue;
                String p = LayerPath.of(relative.startsWith("/") ? relative : LayerPath.join(site, relative)
                        .substring(1));
                if (p != null) files.add(p);
            }
        }
        TreeSet<String> provides = new TreeSet<>();
        if (topLevel != null) {
            for (String line : new String(topLevel, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) provides.add(line.strip().replace('/', '.'));
            }
        } else {
            for (String f : files) importName(site, f, provides);
        }
        return new InstalledPackage(name, version, InstalledPackage.Manager.PIP, files, List.copyOf(provides));
    }

    /** The import name a RECORD path gives: its first segment below site-packages, as Python would import it. */
    private static void importName(String site, String file, TreeSet<String> into) {
        String prefix = site.equals("/") ? "/" : site + "/";
        if (!file.startsWith(prefix)) return;
        String rest = file.substring(prefix.length());
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        if (first.endsWith(".dist-info") || first.endsWith(".data") || first.equals("__pycache__")
                || first.endsWith(".pth")) return;
        if (slash < 0) {
            if (first.endsWith(".py")) into.add(first.substring(0, first.length() - 3));
            else if (first.endsWith(".so") || first.endsWith(".pyd")) into.add(first.substring(0, first.indexOf('.')));
            return;
        }
        into.add(first);
    }

    /** The first field of a CSV line, unquoted ("a,b" → a; "\"x,y\",b" → x,y). */
    static String firstCsvField(String line) {
        if (!line.startsWith("\"")) {
            int comma = line.indexOf(',');
            return comma < 0 ? line : line.substring(0, comma);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    out.append('"');
                    i++;
                } else {
                    break;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
