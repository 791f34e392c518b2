package dev.baseshift.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A layer tar on its way to commons-compress, with the GNU sparse sizes it cannot take: commons-compress 1.28 parses
 * {@code GNU.sparse.realsize} and {@code GNU.sparse.size} as an int, so a sparse file of 2 GiB or more stops the
 * whole archive. This stream follows the tar's blocks (headers, PAX records, content lengths); in a PAX header with
 * such a size it renames the {@code GNU.sparse.*} keys (same length: the archive keeps its shape) so the entry reads
 * as a plain file, and keeps its true name and size for the entry that follows ({@link #takeSparse()}). It never
 * buffers more than one PAX header (at most {@value #MAX_PAX} bytes); everything else streams through.
 */
final class PaxSizes extends FilterInputStream {
    static final int MAX_PAX = 1 << 20;
    private static final int BLOCK = 512;

    private final byte[] header = new byte[BLOCK];
    private int headerFill;
    /** Bytes to pass without looking: the current entry's content with its padding, or GNU sparse extensions. */
    private long passLeft;
    /** Old-GNU sparse extension blocks follow the header: each says whether another one follows. */
    private boolean inExtension;
    private byte[] pending;
    private int pendingPos;
    /** The PAX "size" override for the next entry's content, or -1. */
    private long nextSize = -1;
    private long realSize = -1;
    private String realName;

    PaxSizes(InputStream in) {
        super(in);
    }

    /**
     * The sparse file commons-compress just returned as a plain entry, because this stream hid its sparse keys: its
     * true name (null when the header gave none) and apparent size; null when the entry is as it came.
     */
    Sparse takeSparse() {
        Sparse r = realSize < 0 ? null : new Sparse(realName, realSize);
        realSize = -1;
        realName = null;
        return r;
    }

    /** A sparse file too large for commons-compress: its content as read is the raw map and data, not the file. */
    record Sparse(String name, long size) {}

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (pending != null) {
            int n = Math.min(len, pending.length - pendingPos);
            System.arraycopy(pending, pendingPos, b, off, n);
            pendingPos += n;
            if (pendingPos == pending.length) pending = null;
            return n;
        }
        if (passLeft > 0) {
            int n = in.read(b, off, (int) Math.min(len, passLeft));
            if (n > 0) passLeft -= n;
            return n;
        }
        int n = in.read(b, off, Math.min(len, BLOCK - headerFill));
        if (n <= 0) return n;
        System.arraycopy(b, off, header, headerFill, n);
        headerFill += n;
        if (headerFill == BLOCK) {
            headerFill = 0;
            onBlock();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // through read(), so every header is seen
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r <= 0) break;
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** A whole header (or old-GNU sparse extension) block has passed: what follows it? */
    private void onBlock() throws IOException {
        if (inExtension) {
            inExtension = header[504] != 0;
            if (!inExtension) passLeft = padded(pendingContent);
            return;
        }
        boolean zeros = true;
        for (byte x : header) if (x != 0) { zeros = false; break; }
        if (zeros) return; // end-of-archive blocks
        byte type = header[156];
        long size = number(header, 124, 12);
        if (nextSize >= 0 && type != 'x' && type != 'g' && type != 'L' && type != 'K') {
            size = nextSize;
            nextSize = -1;
        }
        if (size < 0) return; // not a header this stream understands: let commons-compress say so
        if (type == 'x' && size <= MAX_PAX) {
            byte[] content = in.readNBytes((int) padded(size));
            rewrite(content, (int) Math.min(size, content.length));
            pending = content.length == 0 ? null : content;
            pendingPos = 0;
        } else if (type == 'S' && header[482] != 0) {
            inExtension = true;
            pendingContent = size;
        } else {
            passLeft = padded(size);
        }
    }

    private long pendingContent;

    /**
     * When a sparse size is too large for commons-compress, renames every {@code GNU.sparse.*} key of the header to
     * {@code BSX.sparse.*} (same length) so the entry reads as a plain file, and notes its true name and size; notes
     * any PAX size override for the walk.
     */
    private void rewrite(byte[] content, int length) {
        long found = -1;
        String sparseName = null;
        java.util.List<Integer> sparseKeys = new java.util.ArrayList<>();
        int pos = 0;
        while (pos < length) {
            int space = indexOf(content, (byte) ' ', pos, length);
            if (space < 0) break;
            long recordLength = digits(content, pos, space);
            if (recordLength <= 0 || pos + recordLength > length) break;
            int end = (int) (pos + recordLength) - 1; // the record's '\n'
            int eq = indexOf(content, (byte) '=', space + 1, end);
            if (eq < 0) break;
            String key = new String(content, space + 1, eq - space - 1, StandardCharsets.UTF_8);
            if (key.startsWith("GNU.sparse.")) sparseKeys.add(space + 1);
            if (key.equals("GNU.sparse.realsize") || key.equals("GNU.sparse.size")) {
                long value = digits(content, eq + 1, end);
                if (value > Integer.MAX_VALUE) found = value;
            } else if (key.equals("GNU.sparse.name")) {
                sparseName = new String(content, eq + 1, end - eq - 1, StandardCharsets.UTF_8);
            } else if (key.equals("size")) {
                nextSize = digits(content, eq + 1, end);
            }
            pos = (int) (pos + recordLength);
        }
        if (found >= 0) {
            for (int at : sparseKeys) {
                content[at] = 'B';
                content[at + 1] = 'S';
                content[at + 2] = 'X';
            }
        }
        realSize = found;
        realName = found >= 0 ? sparseName : null;
    }

    private static int indexOf(byte[] a, byte b, int from, int to) {
        for (int i = from; i < to; i++) if (a[i] == b) return i;
        return -1;
    }

    /** A decimal number, or -1 when the bytes are not one (or it overflows). */
    private static long digits(byte[] a, int from, int to) {
        if (from >= to || to - from > 18) return -1;
        long v = 0;
        for (int i = from; i < to; i++) {
            if (a[i] < '0' || a[i] > '9') return -1;
            v = v * 10 + (a[i] - '0');
        }
        return v;
    }

    /** A header's octal number (NUL- or space-terminated), or base-256 when the high bit is set; -1 when neither. */
    private static long number(byte[] h, int off, int len) {
        if ((h[off] & 0x80) != 0) {
            long v = h[off] & 0x7f;
            for (int i = off + 1; i < off + len; i++) {
                if (v > (Long.MAX_VALUE >> 8)) return -1;
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        long v = 0;
        boolean any = false;
        for (int i = off; i < off + len; i++) {
            byte c = h[i];
            if (c == 0 || c == ' ') {
                if (any) break;
                continue;
            }
            if (c < '0' || c > '7') return -1;
            v = v * 8 + (c - '0');
            any = true;
        }
        return v;
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }
}
