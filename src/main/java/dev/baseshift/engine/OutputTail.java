package dev.baseshift.engine;

import java.nio.charset.StandardCharsets;

/**
 * The last {@code capacity} bytes of a stream, kept in a ring: appending costs the same per block whatever the
 * block holds (a probe printing {@code yes} costs no more than one printing a few large lines). Thread-safe.
 */
final class OutputTail {
    private final byte[] ring;
    private long written;

    OutputTail(int capacity) {
        ring = new byte[capacity];
    }

    synchronized void append(byte[] block) {
        if (block == null || block.length == 0) return;
        int n = ring.length;
        int from = Math.max(0, block.length - n);
        int len = block.length - from;
        int at = (int) (written % n);
        int first = Math.min(len, n - at);
        System.arraycopy(block, from, ring, at, first);
        System.arraycopy(block, from + first, ring, 0, len - first);
        written += block.length;
    }

    /** The kept bytes as text; a cut start is marked with "…" and a split first character dropped. */
    synchronized String text() {
        int n = ring.length;
        if (written <= n) return new String(ring, 0, (int) written, StandardCharsets.UTF_8);
        int at = (int) (written % n);
        byte[] ordered = new byte[n];
        System.arraycopy(ring, at, ordered, 0, n - at);
        System.arraycopy(ring, 0, ordered, n - at, at);
        int start = 0;
        while (start < n && (ordered[start] & 0xC0) == 0x80) start++; // a character cut in half
        return "…" + new String(ordered, start, n - start, StandardCharsets.UTF_8);
    }

    synchronized long bytesSeen() {
        return written;
    }
}
