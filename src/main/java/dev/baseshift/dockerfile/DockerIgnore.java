package dev.baseshift.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of a {@code .dockerignore} file, with Docker's semantics: patterns are relative to the context root
 * ({@code /} and {@code ./} prefixes are normalised away), {@code *} and {@code ?} stay within one path segment,
 * {@code **} spans any number of segments, {@code [...]} is a character class, {@code \} escapes, {@code !} re-includes,
 * and the last matching pattern wins. A pattern that matches a directory excludes everything below it.
 */
public final class DockerIgnore {

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    /** Parses the text of a .dockerignore file; a malformed pattern fails with its line number. */
    public static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = line.strip();
            if (pattern.isEmpty()) {
                continue;
            }
            boolean exception = pattern.startsWith("!");
            if (exception) {
                pattern = pattern.substring(1).strip();
            }
            pattern = normalise(pattern);
            if (pattern.isEmpty()) {
                continue;
            }
            try {
                rules.add(new Rule(pattern, exception, toRegex(pattern)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(".dockerignore:" + (i + 1) + ": bad pattern '" + line.strip() + "'");
            }
        }
        return new DockerIgnore(rules);
    }

    /** True when the path (relative to the context root, '/'-separated) is left out of the build context. */
    public boolean excludes(String relativePath) {
        String path = normalise(relativePath);
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesItselfOrParent(rule.regex, path)) {
                excluded = !rule.exception;
            }
        }
        return excluded;
    }

    /** A pattern naming a directory also covers everything inside it, as in Docker's walker. */
    private static boolean matchesItselfOrParent(Pattern regex, String path) {
        if (regex.matcher(path).matches()) {
            return true;
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (regex.matcher(path.substring(0, slash)).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when some exception pattern could re-include a path below an excluded directory, so the directory must
     * still be walked. Without exceptions an excluded directory is skipped whole (node_modules, .git …).
     */
    public boolean hasExceptions() {
        return rules.stream().anyMatch(Rule::exception);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public List<String> patterns() {
        return rules.stream().map(r -> (r.exception ? "!" : "") + r.pattern).toList();
    }

    /** Like Go's filepath.Clean on a relative path: no leading '/' or './', no '.' segments, '..' resolved. */
    private static String normalise(String pattern) {
        List<String> out = new ArrayList<>();
        for (String segment : pattern.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(segment);
        }
        return String.join("/", out);
    }

    private static Pattern toRegex(String pattern) {
        StringBuilder re = new StringBuilder("^");
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < n && pattern.charAt(i + 1) == '*') {
                        i++;
                        // "**/" may match no segment at all; "**" at the end matches everything below.
                        if (i + 1 < n && pattern.charAt(i + 1) == '/') {
                            i++;
                            re.append("(.*/)?");
                        } else {
                            re.append(".*");
                        }
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int close = pattern.indexOf(']', i + 2);
                    if (close < 0) {
                        throw new PatternSyntaxException("unclosed [", pattern, i);
                    }
                    String body = pattern.substring(i + 1, close);
                    re.append('[').append(body.replace("[", "\\[")).append(']');
                    i = close;
                }
                case '\\' -> {
                    if (i + 1 < n) {
                        i++;
                        re.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
                    } else {
                        throw new PatternSyntaxException("trailing \\", pattern, i);
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.append('$').toString());
    }

    private record Rule(String pattern, boolean exception, Pattern regex) {}
}
