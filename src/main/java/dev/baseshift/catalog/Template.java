package dev.baseshift.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tag or repository template such as {@code {version}-slim-{suite}}: matched against references to read the
 * placeholders, and filled to write new references. Placeholder regexes come from the family (versions, suites).
 */
final class Template {
    /** Placeholders that can be written; the others ({alpine}, {debian}, {date}, {arch}) are only recognised. */
    static final Set<String> FILLABLE = Set.of("version", "major", "suite", "flavor");
    static final Set<String> MATCH_ONLY = Set.of("alpine", "debian", "date", "arch");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    private final String text;
    private final Pattern regex;
    private final List<String> placeholders;

    private Template(String text, Pattern regex, List<String> placeholders) {
        this.text = text;
        this.regex = regex;
        this.placeholders = placeholders;
    }

    /**
     * @param placeholderRegex regex per placeholder name for this family
     * @throws IllegalArgumentException naming an unknown or repeated placeholder
     */
    static Template compile(String text, Map<String, String> placeholderRegex) {
        StringBuilder re = new StringBuilder();
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            String name = m.group(1);
            String sub = placeholderRegex.get(name);
            if (sub == null) {
                throw new IllegalArgumentException("unknown placeholder {" + name + "} in '" + text + "' (known: "
                        + String.join(", ", placeholderRegex.keySet()) + ")");
            }
            if (names.contains(name)) throw new IllegalArgumentException("placeholder {" + name + "} used twice in '" + text + "'");
            names.add(name);
            re.append(literal(text, last, m.start())).append("(?<").append(name).append(">").append(sub).append(')');
            last = m.end();
        }
        re.append(literal(text, last, text.length()));
        return new Template(text, Pattern.compile(re.toString()), List.copyOf(names));
    }

    private static String literal(String text, int from, int to) {
        String part = text.substring(from, to);
        if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
            throw new IllegalArgumentException("stray brace in '" + text + "' (placeholders look like {version})");
        }
        return Pattern.quote(part);
    }

    String text() { return text; }

    boolean uses(String placeholder) { return placeholders.contains(placeholder); }

    /** The placeholder values when the whole input matches. */
    Optional<Map<String, String>> match(String input) {
        Matcher m = regex.matcher(input);
        if (!m.matches()) return Optional.empty();
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : placeholders) values.put(name, m.group(name));
        return Optional.of(values);
    }

    /** The template with its placeholders replaced, or empty when a value is missing or the placeholder is match-only. */
    Optional<String> fill(Map<String, String> values) {
        String out = text;
        for (String name : new LinkedHashSet<>(placeholders)) {
            String v = values.get(name);
            if (v == null || !FILLABLE.contains(name)) return Optional.empty();
            out = out.replace("{" + name + "}", v);
        }
        return Optional.of(out);
    }

    @Override
    public String toString() { return text; }
}
