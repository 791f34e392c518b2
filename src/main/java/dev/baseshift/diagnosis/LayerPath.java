package dev.baseshift.diagnosis;

import java.util.ArrayList;
import java.util.List;

/**
 * Path safety for names read from a layer tar. An image's tar is untrusted input: a name may climb out of the root
 * ("../../etc/x"), be absolute ("/abs"), hold empty or "." segments, or a NUL. Names are only ever data here (the
 * indexer writes no file from them), but a name that climbs above the root is not a file of the image either —
 * the engine refuses such layers — so it is rejected rather than clamped.
 */
public final class LayerPath {
    private LayerPath() {}

    /**
     * The absolute, normalised path for a tar entry name ("./usr/bin/" → "/usr/bin", "/abs" → "/abs"), or null when
     * the name is empty, holds a NUL, or climbs above the root at any point.
     */
    public static String of(String tarName) {
        if (tarName == null || tarName.indexOf('\0') >= 0) return null;
        List<String> out = new ArrayList<>();
        for (String part : tarName.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (out.isEmpty()) return null;
                out.remove(out.size() - 1);
            } else {
                out.add(part);
            }
        }
        return "/" + String.join("/", out);
    }

    /** "/a/b/c" → "/a/b"; "/a" → "/"; "/" → "/". */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** "/a/b/c" → "c". */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** parent + "/" + child without doubling the slash at the root. */
    public static String join(String parent, String child) {
        return parent.equals("/") ? "/" + child : parent + "/" + child;
    }
}
