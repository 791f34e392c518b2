package dev.baseshift.diagnosis;

/**
 * One path of an image's merged file tree (whiteouts applied), as read from the image's layers without running it.
 *
 * @param path       absolute, normalised ("/usr/lib/x86_64-linux-gnu/libz.so.1"); never contains ".." segments
 * @param size       bytes of a regular file (0 for others); a sparse file counts its apparent size
 * @param mode       permission bits (e.g. 0755)
 * @param linkTarget the target of a symlink or hard link as stored in the layer, else null
 * @param layer      0-based index of the layer that last wrote this path
 */
public record FileEntry(String path, Type type, long size, int mode, String linkTarget, int layer) {
    public enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }

    /** The last path segment ("libz.so.1"). */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    public boolean executable() {
        return type == Type.FILE && (mode & 0111) != 0;
    }
}
