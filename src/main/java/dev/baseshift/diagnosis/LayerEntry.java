package dev.baseshift.diagnosis;

/**
 * One entry of one layer tar, as the indexer read it: metadata only, plus the bytes of the few small files the
 * package databases need ({@link PackageDatabases#captureLimit(String)}).
 *
 * @param path       safe absolute path ({@link LayerPath#of(String)}); whiteouts keep their ".wh." names here
 * @param size       apparent size of a regular file (a sparse file's real size), else 0
 * @param linkTarget symlink target as stored (data only, never followed on disk); hard-link target as a safe
 *                   absolute path
 * @param content    the file's bytes when captured, else null
 */
public record LayerEntry(String path, FileEntry.Type type, long size, int mode, String linkTarget, byte[] content) {

    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";

    public boolean whiteout() {
        return LayerPath.name(path).startsWith(WHITEOUT);
    }
}
