package dev.baseshift.diagnosis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An image's merged file tree and what its package databases say, read without running the image. Immutable.
 * Built by the engine's indexer (layers applied in order, whiteouts honoured); queried by the diagnosis.
 */
public final class ImageFiles {
    private static final int MAX_LINK_HOPS = 40;

    private final String imageId;
    private final Map<String, FileEntry> files;
    private final Map<String, List<FileEntry>> byName = new HashMap<>();
    private final List<InstalledPackage> packages;
    private final Map<String, InstalledPackage> owners = new HashMap<>();
    private final Map<String, ElfInfo> elf;

    /**
     * @param files    by absolute path
     * @param packages every database's packages (dpkg, apk, pip dist-info, node_modules)
     * @param elf      ELF facts of the files that were read for it, by path (may be empty)
     */
    public ImageFiles(String imageId, Map<String, FileEntry> files, List<InstalledPackage> packages,
                      Map<String, ElfInfo> elf) {
        this.imageId = imageId;
        this.files = Map.copyOf(files);
        this.packages = List.copyOf(packages);
        this.elf = Map.copyOf(elf);
        for (FileEntry f : this.files.values()) byName.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f);
        for (InstalledPackage p : this.packages) for (String path : p.files()) owners.putIfAbsent(path, p);
    }

    public String imageId() { return imageId; }

    public int size() { return files.size(); }

    public Collection<FileEntry> entries() { return files.values(); }

    /** The entry stored at exactly this path (a symlink is returned as itself). */
    public Optional<FileEntry> entry(String path) {
        return Optional.ofNullable(files.get(normalise(path)));
    }

    /** The entry this path leads to, following symlinks (also in parent folders); empty when it leads nowhere. */
    public Optional<FileEntry> resolve(String path) {
        String p = normalise(path);
        for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
            String real = resolveParents(p);
            if (real == null) return Optional.empty();
            FileEntry e = files.get(real);
            if (e == null) return Optional.empty();
            if (e.type() != FileEntry.Type.SYMLINK) return Optional.of(e);
            String target = e.linkTarget();
            p = normalise(target.startsWith("/") ? target : parent(real) + "/" + target);
        }
        return Optional.empty();
    }

    public boolean exists(String path) { return resolve(path).isPresent(); }

    /** Every entry whose last segment is {@code name}, e.g. all "libpq.so.5". */
    public List<FileEntry> named(String name) {
        return List.copyOf(byName.getOrDefault(name, List.of()));
    }

    public List<InstalledPackage> packages() { return packages; }

    /** The package whose database lists this path (tried as given, then with symlinked folders resolved). */
    public Optional<InstalledPackage> ownerOf(String path) {
        String p = normalise(path);
        InstalledPackage owner = owners.get(p);
        if (owner == null) {
            String real = resolveParents(p);
            if (real != null) owner = owners.get(real);
        }
        return Optional.ofNullable(owner);
    }

    public Optional<ElfInfo> elf(String path) {
        return Optional.ofNullable(elf.get(normalise(path)));
    }

    public Map<String, ElfInfo> elfFiles() { return elf; }

    /** The same index with ELF facts added (the indexer reads ELF headers in a second, targeted pass). */
    public ImageFiles withElf(Map<String, ElfInfo> more) {
        Map<String, ElfInfo> merged = new HashMap<>(elf);
        merged.putAll(more);
        return new ImageFiles(imageId, files, packages, merged);
    }

    /** "/a/./b//c/../d" → "/a/b/d"; never climbs above "/". */
    public static String normalise(String path) {
        String[] parts = path.replace('\\', '/').split("/");
        List<String> out = new ArrayList<>();
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (!out.isEmpty()) out.remove(out.size() - 1);
            } else {
                out.add(part);
            }
        }
        return "/" + String.join("/", out);
    }

    /** The path with every symlinked parent folder replaced by its target; null when a parent is missing. */
    private String resolveParents(String path) {
        if (path.equals("/")) return path;
        String parent = parent(path);
        String name = path.substring(parent.length() == 1 ? 1 : parent.length() + 1);
        if (parent.equals("/")) return path;
        String realParent = parent;
        for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
            String up = resolveParents(realParent);
            if (up == null) return null;
            FileEntry e = files.get(up);
            if (e == null) return null;
            if (e.type() != FileEntry.Type.SYMLINK) {
                return (up.equals("/") ? "" : up) + "/" + name;
            }
            String t = e.linkTarget();
            realParent = normalise(t.startsWith("/") ? t : parent(up) + "/" + t);
        }
        return null;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
