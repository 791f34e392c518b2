package dev.baseshift.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a variant: the original text with only the image token of one FROM replaced. Everything else — flags,
 * {@code AS name}, comments, continuations, line endings — stays byte for byte.
 */
public final class FromRewriter {
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    private FromRewriter() {}

    /**
     * @param stage the stage whose FROM changes (usually the graph's base stage)
     * @param image the new base, e.g. {@code python:3.12-slim-trixie}
     * @param args  the global ARGs the FROM line is expanded with ({@link StageGraph#args()})
     * @return the whole Dockerfile text with that FROM's image replaced
     */
    public static String rewrite(Dockerfile dockerfile, Stage stage, String image, Map<String, String> args) {
        Instruction from = stage.from();
        Span span = imageSpan(dockerfile.text(), from.startOffset(), from.endOffset(), dockerfile.escape());
        if (!span.logical().equals(stage.baseText())) {
            // Only reachable if parser and rewriter disagree; refuse rather than replace the wrong bytes.
            throw new IllegalArgumentException(dockerfile.name() + ":" + from.startLine() + ": cannot find the image '"
                    + stage.baseText() + "' in this FROM (found '" + span.logical() + "')");
        }
        String token = dockerfile.text().substring(span.start(), span.end());
        String replacement = imageText(stage.baseText(), image, args);
        if (token.length() >= 2 && (token.charAt(0) == '"' || token.charAt(0) == '\'')
                && token.charAt(token.length() - 1) == token.charAt(0)) {
            replacement = token.charAt(0) + replacement + token.charAt(0);
        }
        return dockerfile.text().substring(0, span.start()) + replacement + dockerfile.text().substring(span.end());
    }

    /**
     * What to write for the new image, keeping the user's ARG references where they still hold:
     * {@code python:${PY}} with PY=3.12 and target {@code python:3.12-slim-trixie} gives {@code python:${PY}-slim-trixie}.
     * The leading pieces of {@code baseText} are kept as long as what they expand to is a prefix of the target;
     * the rest of the target is appended as literal text.
     */
    static String imageText(String baseText, String target, Map<String, String> args) {
        if (baseText.indexOf('$') < 0) return target;
        StringBuilder kept = new StringBuilder();
        StringBuilder expanded = new StringBuilder();
        String lastVariable = null;
        for (Segment s : segments(baseText)) {
            if (!s.known()) break;
            String value = s.variable() == null ? s.text() : args.getOrDefault(s.variable(), "");
            if (!target.startsWith(expanded + value)) break;
            // A variable holding a tag or digest as well as a name is the whole reference (FROM ${BASE}). Appending a
            // tag suffix to it would quietly change meaning when the user later passes --build-arg BASE=other:tag,
            // so from such a variable on the variant writes the literal image.
            if (s.variable() != null && holdsNameAndTag(target, expanded.length(), expanded.length() + value.length())) break;
            kept.append(s.text());
            expanded.append(value);
            lastVariable = s.variable() != null && !s.braced() ? s.variable() : null;
        }
        String tail = target.substring(expanded.length());
        if (lastVariable != null && !tail.isEmpty() && isNameChar(tail.charAt(0))) {
            // $PY followed by "a" would read as $PYa: brace the last variable.
            kept.setLength(kept.length() - lastVariable.length() - 1);
            kept.append("${").append(lastVariable).append('}');
        }
        return kept + tail;
    }

    /** True when target[start, end) runs from the repository name into the tag or digest ("python:3.12"). */
    private static boolean holdsNameAndTag(String target, int start, int end) {
        int at = target.indexOf('@');
        if (at >= 0 && start < at && end > at) return true;
        String name = at >= 0 ? target.substring(0, at) : target;
        int separator = name.indexOf(':', name.lastIndexOf('/') + 1);      // a registry port comes before a '/'
        return separator >= 0 && start < separator && end > separator;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /**
     * A literal piece or one variable reference of the FROM text.
     *
     * @param known false when its value cannot be worked out here (${X:-d} forms, quotes, escapes)
     */
    private record Segment(String text, String variable, boolean braced, boolean known) {}

    private static List<Segment> segments(String baseText) {
        List<Segment> out = new ArrayList<>();
        Matcher m = VARIABLE.matcher(baseText);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) out.add(literal(baseText.substring(last, m.start())));
            if (m.group(3) != null) {
                out.add(new Segment(m.group(), m.group(3), false, true));
            } else {
                out.add(new Segment(m.group(), m.group(1), true, m.group(2).isEmpty()));
            }
            last = m.end();
        }
        if (last < baseText.length()) out.add(literal(baseText.substring(last)));
        return out;
    }

    private static Segment literal(String text) {
        boolean plain = text.chars().noneMatch(c -> c == '\\' || c == '`' || c == '"' || c == '\'' || c == '$');
        return new Segment(text, null, false, plain);
    }

    /**
     * Where the image token of a FROM lies in the source, as [start, end) offsets. The instruction may be spread
     * over continuation lines (with comment and blank lines inside), so the scan follows BuildKit's joining rules.
     */
    /** The image token: [start, end) in the source, and its text with continuations removed. */
    record Span(int start, int end, String logical) {}

    static Span imageSpan(String text, int start, int end, char escape) {
        // Logical characters of the instruction (continuations removed) and where each came from.
        StringBuilder logical = new StringBuilder();
        List<Integer> origin = new ArrayList<>();
        int i = start;
        while (i < end) {
            int after = continuationEnd(text, i, end, escape);
            if (after > i) {
                i = skipCommentAndBlankLines(text, after, end);
                continue;
            }
            logical.append(text.charAt(i));
            origin.add(i);
            i++;
        }
        int p = 0;
        int n = logical.length();
        p = skipBlanks(logical, p);
        while (p < n && !isBlank(logical.charAt(p))) p++;                          // FROM keyword
        while (true) {
            p = skipBlanks(logical, p);
            if (p + 1 < n && logical.charAt(p) == '-' && logical.charAt(p + 1) == '-') {
                while (p < n && !isBlank(logical.charAt(p))) p++;                  // --platform=...
                continue;
            }
            break;
        }
        if (p >= n) throw new IllegalArgumentException("FROM without an image at offset " + start);
        int q = p;
        while (q < n && !isBlank(logical.charAt(q))) q++;
        return new Span(origin.get(p), origin.get(q - 1) + 1, logical.substring(p, q));
    }

    /** The offset after "escape [blanks] newline" at i, or i when there is no line continuation there. */
    private static int continuationEnd(String text, int i, int end, char escape) {
        if (text.charAt(i) != escape) return i;
        int j = i + 1;
        while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) j++;
        if (j < text.length() && text.charAt(j) == '\r' && j + 1 < text.length() && text.charAt(j + 1) == '\n') return j + 2;
        if (j < text.length() && (text.charAt(j) == '\n' || text.charAt(j) == '\r')) return j + 1;
        return i;
    }

    private static int skipCommentAndBlankLines(String text, int i, int end) {
        while (i < end) {
            int lineEnd = i;
            while (lineEnd < text.length() && text.charAt(lineEnd) != '\n') lineEnd++;
            String line = text.substring(i, Math.min(lineEnd, text.length())).strip();
            if (!line.isEmpty() && !line.startsWith("#")) return i;
            i = lineEnd + 1;
        }
        return i;
    }

    private static int skipBlanks(CharSequence s, int p) {
        while (p < s.length() && isBlank(s.charAt(p))) p++;
        return p;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
