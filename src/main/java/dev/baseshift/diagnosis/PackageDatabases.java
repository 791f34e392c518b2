package dev.baseshift.diagnosis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Which files of an image the package databases live in, and reading them all from an indexed tree. The indexer
 * keeps the bytes of just these files (each under its size cap); everything else is metadata only.
 */
public final class PackageDatabases {
    static final String DPKG_STATUS = "/var/lib/dpkg/status";
    static final String DPKG_INFO = "/var/lib/dpkg/info/";
    static final String DPKG_STATUS_D = "/var/lib/dpkg/status.d/";
    static final String APK_INSTALLED = "/lib/apk/db/installed";

    private PackageDatabases() {}

    /** How many bytes of this file the indexer keeps; 0 = none (a larger file is not kept at all). */
    public static long captureLimit(String path) {
        if (path.equals(DPKG_STATUS) || path.equals(APK_INSTALLED)) return 64L << 20;
        if (path.startsWith(DPKG_INFO) && path.endsWith(".list") && path.indexOf('/', DPKG_INFO.length()) < 0) {
            return 16L << 20;
        }
        if (path.startsWith(DPKG_STATUS_D) && path.indexOf('/', DPKG_STATUS_D.length()) < 0) return 4L << 20;
        String parent = LayerPath.parent(path);
        if (parent.endsWith(".dist-info")) {
            return switch (LayerPath.name(path)) {
                case "METADATA" -> 1L << 20;
                case "top_level.txt" -> 64L << 10;
                case "RECORD" -> 16L << 20;
                default -> 0;
            };
        }
        if (NodePackage.isPackageJson(path)) return 1L << 20;
        return 0;
    }

    /**
     * Every package the tree's databases list: dpkg first (the system's own), then apk, pip, npm.
     *
     * @param files    the merged tree, sorted by path
     * @param captured bytes of the captured files by path
     */
    public static List<InstalledPackage> read(NavigableMap<String, FileEntry> files, Map<String, byte[]> captured) {
        List<InstalledPackage> out = new ArrayList<>();
        Map<String, byte[]> lists = new HashMap<>();
        Map<String, byte[]> statusD = new HashMap<>();
        List<String> distInfos = new ArrayList<>();
        List<String> packageJsons = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : captured.entrySet()) {
            String path = e.getKey();
            if (path.startsWith(DPKG_INFO) && path.endsWith(".list")) {
                String file = LayerPath.name(path);
                lists.put(file.substring(0, file.length() - ".list".length()), e.getValue());
            } else if (path.startsWith(DPKG_STATUS_D)) {
                statusD.put(LayerPath.name(path), e.getValue());
            } else if (LayerPath.parent(path).endsWith(".dist-info")) {
                if (!distInfos.contains(LayerPath.parent(path))) distInfos.add(LayerPath.parent(path));
            } else if (NodePackage.isPackageJson(path)) {
                packageJsons.add(path);
            }
        }
        byte[] status = captured.get(DPKG_STATUS);
        if (status != null) out.addAll(DpkgDatabase.fromStatus(status, lists));
        statusD.keySet().stream().filter(n -> !n.endsWith(".md5sums")).sorted()
                .forEach(n -> out.addAll(DpkgDatabase.fromStatusD(statusD.get(n), statusD.get(n + ".md5sums"))));
        byte[] apk = captured.get(APK_INSTALLED);
        if (apk != null) out.addAll(ApkDatabase.read(apk));
        distInfos.sort(null);
        for (String d : distInfos) {
            String base = d + "/";
            out.add(PythonDistInfo.read(d, captured.get(base + "METADATA"), captured.get(base + "top_level.txt"),
                    captured.get(base + "RECORD")));
        }
        packageJsons.sort(null);
        for (String pj : packageJsons) {
            NodePackage.read(pj, captured.get(pj), ownFiles(files, LayerPath.parent(pj))).ifPresent(out::add);
        }
        return out;
    }

    /** The non-folder entries under a package folder, leaving out nested node_modules (other packages). */
    private static List<String> ownFiles(NavigableMap<String, FileEntry> files, String folder) {
        List<String> out = new ArrayList<>();
        String prefix = folder + "/";
        String nested = prefix + "node_modules/";
        for (FileEntry e : files.subMap(prefix, true, folder + "0", false).values()) {
            if (e.type() == FileEntry.Type.DIRECTORY || e.path().startsWith(nested)) continue;
            out.add(e.path());
        }
        return out;
    }
}
