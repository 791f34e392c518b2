package dev.baseshift.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A unified diff of two texts by lines (longest common subsequence), with three lines of context. Each hunk's header
 * carries the reasons of the changes that start inside it: {@code @@ -3,2 +3,3 @@ adds python3-numpy: …}.
 */
final class LineDiff {
    private static final int CONTEXT = 3;

    private LineDiff() {}

    private record Op(char kind, String line, int oldLine, int newLine) {}

    /**
     * @param reasons by 1-based line of the old text (0 = before the first line), one or more reasons each
     */
    static String unified(String oldName, String newName, String oldText, String newText,
                          Map<Integer, List<String>> reasons) {
        List<String> a = lines(oldText);
        List<String> b = lines(newText);
        List<Op> ops = ops(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        TreeMap<Integer, List<String>> pending = new TreeMap<>(reasons);
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind() == ' ') { i++; continue; }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend while the next change is within 2*CONTEXT equal lines
            while (true) {
                int j = end;
                while (j < ops.size() && ops.get(j).kind() != ' ') j++;
                int k = j;
                while (k < ops.size() && ops.get(k).kind() == ' ' && k - j < 2 * CONTEXT) k++;
                if (k < ops.size() && ops.get(k).kind() != ' ' && k - j <= 2 * CONTEXT) {
                    end = k;
                } else {
                    end = Math.min(ops.size(), j + CONTEXT);
                    break;
                }
            }
            int oldStart = 0, oldCount = 0, newStart = 0, newCount = 0;
            boolean firstOld = true, firstNew = true;
            for (int k = start; k < end; k++) {
                Op op = ops.get(k);
                if (op.kind() != '+') { if (firstOld) { oldStart = op.oldLine(); firstOld = false; } oldCount++; }
                if (op.kind() != '-') { if (firstNew) { newStart = op.newLine(); firstNew = false; } newCount++; }
            }
            int lastOld = oldStart + oldCount - 1;
            if (firstOld) {                        // pure insertion: header names the line before it
                oldStart = start < ops.size() ? ops.get(start).oldLine() - 1 : a.size();
                lastOld = oldStart;
            }
            if (firstNew) newStart = start < ops.size() ? ops.get(start).newLine() - 1 : b.size();
            List<String> why = new ArrayList<>();
            int limit = end >= ops.size() ? Integer.MAX_VALUE : lastOld;
            while (!pending.isEmpty() && pending.firstKey() <= limit) {
                for (String r : pending.pollFirstEntry().getValue()) if (!why.contains(r)) why.add(r);
            }
            out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount))
                    .append(" @@");
            if (!why.isEmpty()) out.append(' ').append(String.join("; ", why));
            out.append('\n');
            for (int k = start; k < end; k++) out.append(ops.get(k).kind()).append(ops.get(k).line()).append('\n');
            i = end;
        }
        return out.toString();
    }

    private static String range(int start, int count) {
        return count == 1 ? String.valueOf(start) : start + "," + count;
    }

    private static List<Op> ops(List<String> a, List<String> b) {
        int n = a.size(), m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        int i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), i + 1, j + 1)); i++; j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                ops.add(new Op('+', b.get(j), i + 1, j + 1)); j++;
            } else {
                ops.add(new Op('-', a.get(i), i + 1, j + 1)); i++;
            }
        }
        // deletions before insertions inside a change reads better; the LCS walk above gives + first on ties
        List<Op> sorted = new ArrayList<>();
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k).kind() == ' ') { sorted.add(ops.get(k++)); continue; }
            List<Op> minus = new ArrayList<>(), plus = new ArrayList<>();
            while (k < ops.size() && ops.get(k).kind() != ' ') (ops.get(k).kind() == '-' ? minus : plus).add(ops.get(k++));
            sorted.addAll(minus);
            sorted.addAll(plus);
        }
        return sorted;
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text.isEmpty()) return out;
        for (String l : text.split("\n", -1)) out.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        if (text.endsWith("\n")) out.remove(out.size() - 1);
        return out;
    }
}
