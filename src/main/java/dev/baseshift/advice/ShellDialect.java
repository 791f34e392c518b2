package dev.baseshift.advice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The /bin/sh of a base and the bash extensions it lacks: busybox ash (Alpine) has many of them ([[ ]], source,
 * pipefail, $'…', ${x/a/b}), dash (Debian, Ubuntu) almost none. Checked against busybox 1.35 ash and Debian 12's
 * dash: ash rejects arrays and leaves {a,b} unexpanded; dash rejects all of the DASH list below.
 */
enum ShellDialect {
    ASH("busybox ash", Map.of(), Set.of()),
    DASH("dash", Map.of(
            "(^|[\\s;&|(!])\\[\\[\\s", "[[ ]]",
            "\\$'", "$'…' strings",
            "<<<", "here-strings <<<",
            "(^|[\\s;&|])function\\s+[A-Za-z_]", "function keyword",
            "\\[\\s[^]\\n]*\\s==\\s", "== inside [ ]",
            "\\$\\{[A-Za-z_][A-Za-z0-9_]*(:\\d|/)", "${var:offset} / ${var/a/b}",
            "(^|[\\s;&|])set\\s+-[a-z]*o\\s+pipefail", "set -o pipefail"),
            Set.of("source", "let"));

    /** What neither ash nor dash has. */
    private static final Map<Pattern, String> COMMON = new LinkedHashMap<>();
    static {
        COMMON.put(Pattern.compile("(^|[\\s;&|(])[A-Za-z_][A-Za-z0-9_]*=\\("), "arrays");
        COMMON.put(Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*\\[[^]]*]}"), "arrays");
        COMMON.put(Pattern.compile("[<>]\\("), "process substitution <(…)");
        COMMON.put(Pattern.compile("(?<![$\\w])\\{[^{}\\s]*,[^{}\\s]*}"), "brace expansion {a,b}");
        COMMON.put(Pattern.compile("\\|&"), "|&");
    }
    private static final Set<String> COMMON_BUILTINS = Set.of("declare", "typeset", "shopt", "mapfile", "readarray",
            "pushd", "popd");

    private final String label;
    private final Map<Pattern, String> syntax = new LinkedHashMap<>();
    private final Set<String> builtins;

    ShellDialect(String label, Map<String, String> extra, Set<String> builtins) {
        this.label = label;
        // sorted so the order of findings' wording does not depend on Map.of's iteration order
        extra.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> syntax.put(Pattern.compile(e.getKey()), e.getValue()));
        this.builtins = builtins;
    }

    String label() { return label; }

    /** bash extensions in a script that this shell lacks, each with the line of its first use. */
    Map<String, Integer> unsupported(Step step, Step.Script script) {
        Map<String, Integer> found = new LinkedHashMap<>();
        String text = unquoted(script.text());
        for (Map<Pattern, String> table : List.of(COMMON, syntax)) {
            for (Map.Entry<Pattern, String> e : table.entrySet()) {
                Matcher m = e.getKey().matcher(text);
                if (m.find()) found.putIfAbsent(e.getValue(), step.lineOf(script, m.start()));
            }
        }
        for (Command c : script.commands()) {
            String p = c.program();
            if (COMMON_BUILTINS.contains(p) || builtins.contains(p)) found.putIfAbsent(p, step.lineOf(script, c.offset()));
            if (this == DASH && p.equals("echo") && !c.args().isEmpty() && Set.of("-e", "-ne", "-en").contains(c.args().get(0))) {
                found.putIfAbsent("echo -e", step.lineOf(script, c.offset()));
            }
        }
        return found;
    }

    /** The text with the inside of quotes blanked (same length), so syntax inside strings is not taken for code. */
    private static String unquoted(String text) {
        StringBuilder out = new StringBuilder(text);
        char quote = 0;
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            } else if (quote != 0 && c != '\n') {
                out.setCharAt(i, ' ');
            }
        }
        return out.toString();
    }
}
