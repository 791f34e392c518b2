package dev.baseshift.diagnosis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The file tree of an image as its layers stack up, the way the engine's overlay does it: each layer's entries are
 * applied over the lower ones; ".wh.NAME" deletes NAME (and all below it) from the lower layers, ".wh..wh..opq"
 * empties its folder of lower content; a non-folder entry replaces whatever was at its path, folder contents too.
 * Not thread-safe; one indexer fills one tree.
 */
public final class MergedTree {
    private final TreeMap<String, Node> tree = new TreeMap<>();
    private int layers;

    private record Node(FileEntry file, byte[] content) {}

    public MergedTree() {
        tree.put("/", new Node(new FileEntry("/", FileEntry.Type.DIRECTORY, 0, 0755, null, -1), null));
    }

    /** Applies the next layer (layers must come lowest first). */
    public void apply(List<LayerEntry> entries) {
        int layer = layers++;
        // Whiteouts act on lower layers only, wherever they stand in this layer's tar, so they go first.
        for (LayerEntry e : entries) {
            if (!e.whiteout()) continue;
            String name = LayerPath.name(e.path());
            String dir = LayerPath.parent(e.path());
            if (name.equals(LayerEntry.OPAQUE)) {
                removeBelow(dir);
            } else if (!name.startsWith(LayerEntry.WHITEOUT + LayerEntry.WHITEOUT)) { // .wh..wh.plnk etc: aufs
                String victim = LayerPath.join(dir, name.substring(LayerEntry.WHITEOUT.length()));
                tree.remove(victim);
                removeBelow(victim);
            }
        }
        for (LayerEntry e : entries) {
            if (e.whiteout() || e.path().equals("/")) continue;
            Node old = tree.get(e.path());
            if (old != null && old.file().type() == FileEntry.Type.DIRECTORY && e.type() != FileEntry.Type.DIRECTORY) {
                removeBelow(e.path());
            }
            ensureParents(e.path(), layer);
            tree.put(e.path(), new Node(new FileEntry(e.path(), e.type(), e.size(), e.mode(), e.linkTarget(), layer),
                    e.content()));
        }
    }

    public int layerCount() { return layers; }

    /** Tar streams may omit parent folders; the tree never has an orphan. */
    private void ensureParents(String path, int layer) {
        String dir = LayerPath.parent(path);
        while (!tree.containsKey(dir)) {
            tree.put(dir, new Node(new FileEntry(dir, FileEntry.Type.DIRECTORY, 0, 0755, null, layer), null));
            dir = LayerPath.parent(dir);
        }
    }

    private void removeBelow(String dir) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        // '/' + 1 == '0': every key starting with prefix sorts in [prefix, prefix-with-'0').
        String end = prefix.substring(0, prefix.length() - 1) + '0';
        NavigableMap<String, Node> below = tree.subMap(prefix, true, end, false);
        if (dir.equals("/")) below.remove("/");
        below.clear();
        tree.putIfAbsent("/", new Node(new FileEntry("/", FileEntry.Type.DIRECTORY, 0, 0755, null, -1), null));
    }

    /** The merged entries, sorted by path. */
    public NavigableMap<String, FileEntry> files() {
        TreeMap<String, FileEntry> out = new TreeMap<>();
        for (Map.Entry<String, Node> e : tree.entrySet()) out.put(e.getKey(), e.getValue().file());
        return out;
    }

    /** Captured bytes of the files that survived, by path; a hard link to a captured file yields its bytes. */
    public Map<String, byte[]> captured() {
        Map<String, byte[]> out = new HashMap<>();
        for (Node n : tree.values()) {
            byte[] content = n.content();
            if (content == null && n.file().type() == FileEntry.Type.HARDLINK
                    && PackageDatabases.captureLimit(n.file().path()) > 0) {
                Node target = tree.get(n.file().linkTarget());
                if (target != null) content = target.content();
            }
            if (content != null) out.put(n.file().path(), content);
        }
        return out;
    }

    /** The image index: files plus every package database found in them. */
    public ImageFiles toImageFiles(String imageId) {
        NavigableMap<String, FileEntry> files = files();
        List<InstalledPackage> packages = PackageDatabases.read(files, captured());
        return new ImageFiles(imageId, files, packages, Map.of());
    }

    public Collection<String> paths() { return new ArrayList<>(tree.keySet()); }
}
