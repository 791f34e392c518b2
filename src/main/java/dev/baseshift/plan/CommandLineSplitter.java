package dev.baseshift.plan;

import java.util.ArrayList;
import java.util.List;

/** Splits a probe string into argv the way a POSIX shell would (quotes, backslashes), without running a shell. */
public final class CommandLineSplitter {
    private CommandLineSplitter() {}

    /** @throws IllegalArgumentException for an unterminated quote or a trailing backslash */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) throw new IllegalArgumentException("unterminated single quote in: " + text);
                cur.append(text, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                for (; i < text.length(); i++) {
                    char d = text.charAt(i);
                    if (d == '"') { closed = true; break; }
                    if (d == '\\' && i + 1 < text.length() && "\"\\$`\n".indexOf(text.charAt(i + 1)) >= 0) {
                        d = text.charAt(++i);
                    }
                    cur.append(d);
                }
                if (!closed) throw new IllegalArgumentException("unterminated double quote in: " + text);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= text.length()) throw new IllegalArgumentException("trailing backslash in: " + text);
                cur.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) { out.add(cur.toString()); cur.setLength(0); inWord = false; }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) out.add(cur.toString());
        return out;
    }

    /** Joins argv so that {@link #split} gives it back; words needing it are single-quoted. */
    public static String join(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (sb.length() > 0) sb.append(' ');
            if (!a.isEmpty() && a.chars().noneMatch(ch -> " \t\n'\"\\$`*?[]{}()<>|&;#~".indexOf(ch) >= 0)) {
                sb.append(a);
            } else {
                sb.append('\'').append(a.replace("'", "'\\''")).append('\'');
            }
        }
        return sb.toString();
    }
}
