package dev.baseshift.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replacements of exact character ranges of one text, applied together. Ranges may not overlap; insertions at the
 * same place keep the order they were added in. Each splice carries the reason shown beside its hunk.
 */
final class Splices {
    record Splice(int start, int end, String text, String reason, int order) {}

    private final String original;
    private final List<Splice> splices = new ArrayList<>();

    Splices(String original) {
        this.original = original;
    }

    String original() { return original; }

    void replace(int start, int end, String text, String reason) {
        if (start < 0 || end < start || end > original.length()) {
            throw new IllegalArgumentException("bad range " + start + ".." + end);
        }
        splices.add(new Splice(start, end, text, reason, splices.size()));
    }

    void insert(int at, String text, String reason) {
        replace(at, at, text, reason);
    }

    void delete(int start, int end, String reason) {
        replace(start, end, "", reason);
    }

    /** How many splices there are so far (a mark for {@link #regroup}). */
    int size() { return splices.size(); }

    /** Gives every splice added since {@code mark} one shared reason (one change, one line of why). */
    void regroup(int mark, String reason) {
        for (int i = mark; i < splices.size(); i++) {
            Splice s = splices.get(i);
            splices.set(i, new Splice(s.start(), s.end(), s.text(), reason, s.order()));
        }
    }

    /** True when a splice already touches [start, end) (for callers that would otherwise overlap). */
    boolean touches(int start, int end) {
        for (Splice s : splices) {
            if (s.start() < end && start < s.end()) return true;
            if (s.start() == s.end() && s.start() > start && s.start() < end) return true;
        }
        return false;
    }

    List<Splice> all() {
        List<Splice> sorted = new ArrayList<>(splices);
        sorted.sort(Comparator.comparingInt(Splice::start).thenComparingInt(Splice::end).thenComparingInt(Splice::order));
        return sorted;
    }

    String apply() {
        List<Splice> sorted = all();
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Splice s : sorted) {
            if (s.start() < at) {
                throw new IllegalStateException("overlapping changes at offset " + s.start() + " (" + s.reason() + ")");
            }
            out.append(original, at, s.start()).append(s.text());
            at = s.end();
        }
        return out.append(original.substring(at)).toString();
    }

    /** 1-based line of an offset in the original text. */
    int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < original.length(); i++) if (original.charAt(i) == '\n') line++;
        return line;
    }
}
