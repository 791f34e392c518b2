package dev.baseshift.dockerfile;

import java.util.Map;

/**
 * Expands build arguments in one word the way BuildKit's shell lexer does for FROM and ARG defaults:
 * {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:+alt}},
 * {@code ${VAR+alt}}, {@code ${VAR:?message}}, {@code ${VAR?message}}; single quotes are literal, double quotes
 * group, and the file's escape character makes the next character literal. An unknown variable expands to empty.
 */
public final class ArgExpander {
    private ArgExpander() {}

    /**
     * @param vars   the arguments in scope; a name absent from the map is unset
     * @param escape the Dockerfile's escape character ({@code \} or {@code `})
     * @throws IllegalArgumentException with the reason when the word is malformed (unclosed quote or brace,
     *                                  unsupported modifier) or a {@code ?} modifier fires
     */
    public static String expand(String word, Map<String, String> vars, char escape) {
        Lexer lexer = new Lexer(word, vars, escape);
        String out = lexer.until((char) 0);
        return out;
    }

    /** Expansion with the default escape character, backslash. */
    public static String expand(String word, Map<String, String> vars) {
        return expand(word, vars, '\\');
    }

    private static final class Lexer {
        private final String s;
        private final Map<String, String> vars;
        private final char escape;
        private int pos;

        Lexer(String s, Map<String, String> vars, char escape) {
            this.s = s;
            this.vars = vars;
            this.escape = escape;
        }

        /** Reads up to the stop character (consumed) or the end; stop 0 means the end only. */
        String until(char stop) {
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (stop != 0 && c == stop) {
                    pos++;
                    return out.toString();
                }
                if (c == escape) {
                    pos++;
                    if (pos < s.length()) out.append(s.charAt(pos++));
                } else if (c == '\'') {
                    int close = s.indexOf('\'', pos + 1);
                    if (close < 0) {
                        throw new IllegalArgumentException("unexpected end of statement while looking for matching"
                                + " single-quote in: " + s);
                    }
                    out.append(s, pos + 1, close);
                    pos = close + 1;
                } else if (c == '"') {
                    pos++;
                    out.append(doubleQuoted());
                } else if (c == '$') {
                    pos++;
                    out.append(dollar());
                } else {
                    out.append(c);
                    pos++;
                }
            }
            if (stop != 0) throw new IllegalArgumentException("missing '" + stop + "' in: " + s);
            return out.toString();
        }

        private String doubleQuoted() {
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return out.toString();
                }
                if (c == '$') {
                    pos++;
                    out.append(dollar());
                } else if (c == escape && pos + 1 < s.length()
                        && (s.charAt(pos + 1) == '"' || s.charAt(pos + 1) == '$' || s.charAt(pos + 1) == escape)) {
                    out.append(s.charAt(pos + 1));
                    pos += 2;
                } else {
                    out.append(c);
                    pos++;
                }
            }
            throw new IllegalArgumentException("unexpected end of statement while looking for matching double-quote"
                    + " in: " + s);
        }

        /** After a '$'. */
        private String dollar() {
            if (pos >= s.length()) return "$";
            char c = s.charAt(pos);
            if (c == '{') {
                pos++;
                return braced();
            }
            String name = name();
            if (name.isEmpty()) return "$";
            return vars.getOrDefault(name, "");
        }

        private String name() {
            int start = pos;
            if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                // Positional parameters are a single digit, as in sh.
                pos++;
                return s.substring(start, pos);
            }
            while (pos < s.length() && isNameChar(s.charAt(pos))) pos++;
            return s.substring(start, pos);
        }

        private String braced() {
            String name = name();
            if (name.isEmpty()) throw new IllegalArgumentException("bad substitution in: " + s);
            if (pos >= s.length()) throw new IllegalArgumentException("missing '}' in: " + s);
            char c = s.charAt(pos++);
            if (c == '}') return vars.getOrDefault(name, "");
            boolean colon = c == ':';
            if (colon) {
                if (pos >= s.length()) throw new IllegalArgumentException("missing '}' in: " + s);
                c = s.charAt(pos++);
            }
            if (c != '-' && c != '+' && c != '?') {
                throw new IllegalArgumentException("unsupported modifier (" + (colon ? ":" : "") + c + ") in: " + s);
            }
            String word = until('}');
            String value = vars.get(name);
            boolean set = value != null && !(colon && value.isEmpty());
            return switch (c) {
                case '-' -> set ? value : word;
                case '+' -> set ? word : "";
                default -> {
                    if (!set) {
                        throw new IllegalArgumentException(name + ": " + (word.isEmpty() ? "is not allowed to be unset"
                                : word));
                    }
                    yield value;
                }
            };
        }

        private static boolean isNameChar(char c) {
            return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
    }
}
