package dev.baseshift.ui.common;

import java.util.ArrayList;
import java.util.List;

/**
 * A line-based diff of a variant against the original. A variant differs only in its FROM line, so the common head
 * and tail are trimmed first and the LCS runs on the few lines left: fast enough to recompute on every slider move.
 */
public final class LineDiff {

    public enum Kind { SAME, REMOVED, ADDED }

    /** @param oldLine 1-based line in the original (0 for an added line); newLine likewise in the variant */
    public record Row(Kind kind, int oldLine, int newLine, String text) {}

    private LineDiff() {}

    /** The lines of a text; a final line break does not start another (empty) line. */
    public static List<String> lines(String text) {
        if (text.isEmpty()) return List.of();
        List<String> all = List.of(text.split("\r?\n", -1));
        return all.get(all.size() - 1).isEmpty() ? all.subList(0, all.size() - 1) : all;
    }

    /** The diff as code-view rows: removed lines numbered in the original, the others in the variant. */
    public static List<CodeLine> codeLines(String original, String variant) {
        List<CodeLine> rows = new ArrayList<>();
        for (Row r : diff(original, variant)) {
            rows.add(switch (r.kind()) {
                case SAME -> new CodeLine(r.newLine(), " ", r.text(), List.of());
                case REMOVED -> new CodeLine(r.oldLine(), "−", r.text(), List.of("removed"));
                case ADDED -> new CodeLine(r.newLine(), "+", r.text(), List.of("added"));
            });
        }
        return rows;
    }

    public static List<Row> diff(String original, String variant) {
        List<String> a = lines(original);
        List<String> b = lines(variant);
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) head++;
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Row> rows = new ArrayList<>(Math.max(a.size(), b.size()) + 4);
        for (int i = 0; i < head; i++) rows.add(new Row(Kind.SAME, i + 1, i + 1, a.get(i)));
        middle(a.subList(head, a.size() - tail), b.subList(head, b.size() - tail), head, rows);
        for (int i = tail; i > 0; i--) {
            rows.add(new Row(Kind.SAME, a.size() - i + 1, b.size() - i + 1, a.get(a.size() - i)));
        }
        return rows;
    }

    private static void middle(List<String> a, List<String> b, int offset, List<Row> out) {
        if ((long) a.size() * b.size() > 4_000_000L) { // pathological input: show it as replaced wholesale
            for (int i = 0; i < a.size(); i++) out.add(new Row(Kind.REMOVED, offset + i + 1, 0, a.get(i)));
            for (int j = 0; j < b.size(); j++) out.add(new Row(Kind.ADDED, 0, offset + j + 1, b.get(j)));
            return;
        }
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.add(new Row(Kind.SAME, offset + i + 1, offset + j + 1, a.get(i)));
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] > lcs[i + 1][j])) {
                out.add(new Row(Kind.ADDED, 0, offset + j + 1, b.get(j)));
                j++;
            } else {
                out.add(new Row(Kind.REMOVED, offset + i + 1, 0, a.get(i)));
                i++;
            }
        }
    }
}
