package dev.baseshift.dockerfile;

import java.util.ArrayList;
import java.util.List;

/** Word splitting the way BuildKit's Dockerfile front end splits instruction arguments. */
final class Words {
    private Words() {}

    /** Go's unicode.IsSpace, which BuildKit uses for trimming and splitting. */
    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u0085' || c == '\u00A0' || Character.isSpaceChar(c);
    }

    static String trimLeft(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) i++;
        return s.substring(i);
    }

    static String trim(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) end--;
        int start = 0;
        while (start < end && isSpace(s.charAt(start))) start++;
        return s.substring(start, end);
    }

    /** Splits on whitespace only, ignoring quotes (FROM, COPY/ADD shell form). */
    static List<String> fields(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && isSpace(s.charAt(i))) i++;
            int start = i;
            while (i < s.length() && !isSpace(s.charAt(i))) i++;
            if (i > start) out.add(s.substring(start, i));
        }
        return out;
    }

    /**
     * Splits on whitespace outside quotes, keeping quotes and escapes in the words (ENV, LABEL, ARG); the
     * values are unquoted later, when they are expanded.
     */
    static List<String> quoted(String s, char escape) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean blankOk = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                if (c == escape && quote != '\'' && c != quote) {
                    if (i + 1 == s.length()) { quote = 0; continue; }
                    word.append(c);
                    c = s.charAt(++i);
                }
                word.append(c);
                continue;
            }
            if (isSpace(c)) {
                if (inWord && (blankOk || word.length() > 0)) out.add(word.toString());
                inWord = false;
                blankOk = false;
                word.setLength(0);
                continue;
            }
            inWord = true;
            if (c == '\'' || c == '"') {
                quote = c;
                blankOk = true;
            }
            if (c == escape) {
                if (i + 1 == s.length()) continue;
                word.append(c);
                c = s.charAt(++i);
            }
            word.append(c);
        }
        if (inWord && (blankOk || word.length() > 0)) out.add(word.toString());
        return out;
    }

    /**
     * Shell-like words for heredoc detection: quotes and backslash escapes stay in the word ({@code raw}) or are
     * removed (not raw). BuildKit always uses backslash here, whatever the file's escape character.
     */
    static List<String> shell(String s, boolean raw) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                if (inWord) out.add(word.toString());
                inWord = false;
                word.setLength(0);
                i++;
                continue;
            }
            inWord = true;
            if (c == '\\') {
                if (raw) word.append(c);
                if (i + 1 < s.length()) word.append(s.charAt(i + 1));
                i += 2;
            } else if (c == '\'' || c == '"') {
                if (raw) word.append(c);
                i++;
                while (i < s.length() && s.charAt(i) != c) {
                    char q = s.charAt(i);
                    if (c == '"' && q == '\\' && i + 1 < s.length()) {
                        if (raw) word.append(q);
                        q = s.charAt(++i);
                    }
                    word.append(q);
                    i++;
                }
                if (i < s.length() && raw) word.append(c);
                i++;
            } else {
                word.append(c);
                i++;
            }
        }
        if (inWord) out.add(word.toString());
        return out;
    }
}
