package dev.baseshift.advice;

import dev.baseshift.dockerfile.Heredoc;
import dev.baseshift.dockerfile.Instruction;
import dev.baseshift.dockerfile.Stage;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One instruction of a stage that moves with the base, with what the rules need to judge it: the state before it and
 * the shell commands it runs, each with its own line.
 *
 * @param onbuild true for an ONBUILD trigger (it runs in images built FROM this one)
 */
final class Step {
    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern HEREDOC_MARKER = Pattern.compile("<<-?\\s*([\"']?)([A-Za-z0-9_.-]+)\\1");

    /**
     * Shell text the instruction runs.
     *
     * @param interpreter the program that reads it: the SHELL in effect, a heredoc's shebang, or a shell called by name
     * @param heredoc     the here-document holding the text, or null when it is the instruction's own text
     * @param commands    the simple commands of the text
     */
    record Script(String text, String interpreter, Heredoc heredoc, List<Command> commands) {
        Script(String text, String interpreter, Heredoc heredoc) {
            this(text, interpreter, heredoc, ShellScript.parse(text));
        }
    }

    private final Stage stage;
    private final Instruction instruction;
    private final StageState before;
    private final boolean onbuild;
    private final String source;
    private final List<Script> scripts = new ArrayList<>();
    private final List<Command> commands = new ArrayList<>();
    private final Map<Command, Integer> lines = new IdentityHashMap<>();
    private int searchFrom;

    Step(Stage stage, Instruction instruction, StageState before, boolean onbuild, String source) {
        this.stage = stage;
        this.instruction = instruction;
        this.before = before;
        this.onbuild = onbuild;
        this.source = source;
        readCommands();
    }

    Stage stage() { return stage; }

    Instruction instruction() { return instruction; }

    String keyword() { return instruction.keyword(); }

    StageState before() { return before; }

    boolean onbuild() { return onbuild; }

    int line() { return instruction.startLine(); }

    /** Scripts this instruction hands to a shell (shell form, {@code sh -c} strings, heredoc scripts). */
    List<Script> scripts() { return scripts; }

    /** Programs this instruction runs, in order: from its scripts, or the exec-form array itself. */
    List<Command> commands() { return commands; }

    boolean isShellForm() {
        return !instruction.isExecForm();
    }

    int lineOf(Command c) {
        return lines.getOrDefault(c, line());
    }

    /** The line in this instruction's source where {@code text} first appears as a word; else the keyword's line. */
    int lineOf(String text) {
        int at = wordIndex(text, 0);
        return at < 0 ? line() : line() + newlines(source, 0, at);
    }

    /** The line of a position in one of this step's scripts. */
    int lineOf(Script script, int offset) {
        if (script.heredoc() != null) return script.heredoc().startLine() + newlines(script.text(), 0, offset);
        int end = script.text().indexOf('\n', offset);
        String snippet = script.text().substring(offset, end < 0 ? script.text().length() : end).trim();
        int at = snippet.isEmpty() ? -1 : source.indexOf(snippet);
        return at < 0 ? line() : line() + newlines(source, 0, at);
    }

    /**
     * A word that is only a variable ({@code $buildDeps}, {@code ${PKGS}}) replaced by the words of its value, as
     * assigned in this step's scripts or by ENV/ARG; other words, and variables with no visible value, stay as they are.
     */
    List<String> expand(String word) {
        Matcher m = VARIABLE.matcher(word);
        if (!m.matches()) return List.of(word);
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        Pattern assignment = Pattern.compile("(?:^|[\\s;&|])" + Pattern.quote(name) + "=(\"[^\"]*\"|'[^']*'|\\S*)");
        for (Script s : scripts) {
            Matcher a = assignment.matcher(s.text());
            if (a.find()) return words(a.group(1).replaceAll("^[\"']|[\"']$", ""), word);
        }
        String value = before.env().get(name);
        return value == null ? List.of(word) : words(value, word);
    }

    private static List<String> words(String value, String fallback) {
        List<String> out = new ArrayList<>();
        for (String w : value.trim().split("\\s+")) if (!w.isEmpty() && !w.equals("\\")) out.add(w);
        return out.isEmpty() ? List.of(fallback) : out;
    }

    static boolean isShell(String program) {
        return SHELLS.contains(baseName(program));
    }

    static boolean isBash(String program) {
        return baseName(program).equals("bash");
    }

    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    private void readCommands() {
        String kw = instruction.keyword();
        List<String> exec = instruction.execForm();
        String args = instruction.arguments();
        if (kw.equals("HEALTHCHECK")) {
            HealthCheck hc = HealthCheck.of(instruction);
            if (hc == null) return;
            exec = hc.exec();
            args = hc.shellText();
        } else if (!kw.equals("RUN") && !kw.equals("CMD") && !kw.equals("ENTRYPOINT")) {
            return;
        }
        if (exec != null) {
            if (exec.isEmpty()) return;
            addExec(exec);
            return;
        }
        String interpreter = before.shell().get(0);
        String own = instruction.heredocs().isEmpty() ? args.trim() : HEREDOC_MARKER.matcher(args).replaceAll("").trim();
        if (!own.isEmpty()) addScript(new Script(own, interpreter, null));
        for (Heredoc h : instruction.heredocs()) {
            boolean script = own.isEmpty() || isShell(ShellScript.parse(own).stream().findFirst()
                    .map(Command::program).orElse(""));
            if (!script || !kw.equals("RUN")) continue;
            String shebang = h.content().startsWith("#!") ? h.content().lines().findFirst().orElse("") : "";
            String by = interpreter;
            if (!shebang.isEmpty()) {
                String[] parts = shebang.substring(2).trim().split("\\s+");
                by = parts[0].endsWith("/env") && parts.length > 1 ? parts[1] : parts[0];
            } else if (!own.isEmpty()) {
                by = ShellScript.parse(own).get(0).words().get(0);
            }
            addScript(new Script(h.content(), by, h));
        }
    }

    private void addExec(List<String> exec) {
        Command c = new Command(exec, Map.of(), 0, exec.get(0));
        commands.add(c);
        lines.put(c, lineOf(exec.get(0)));
        int dashC = -1;
        for (int i = 1; i < exec.size() && dashC < 0; i++) {
            if (exec.get(i).matches("-[a-z]*c[a-z]*")) dashC = i;   // -c, -ec, -euxc
        }
        if (isShell(exec.get(0)) && dashC > 0 && dashC + 1 < exec.size()) {
            addScript(new Script(exec.get(dashC + 1), exec.get(0), null));
        }
    }

    private void addScript(Script script) {
        scripts.add(script);
        for (Command c : script.commands()) {
            commands.add(c);
            if (script.heredoc() != null) {
                lines.put(c, lineOf(script, c.offset()));
            } else {
                int at = wordIndex(c.raw(), searchFrom);
                if (at >= 0) {
                    searchFrom = at + c.raw().length();
                    lines.put(c, line() + newlines(source, 0, at));
                }
            }
        }
    }

    /** Where {@code word} appears in the source from {@code from} on, not glued to other word characters. */
    private int wordIndex(String word, int from) {
        if (word.isEmpty()) return -1;
        int at = source.indexOf(word, from);
        while (at >= 0) {
            boolean startOk = at == 0 || " \t\n\r;&|(\"'[,`".indexOf(source.charAt(at - 1)) >= 0;
            int end = at + word.length();
            boolean endOk = end >= source.length() || !isWordChar(source.charAt(end));
            if (startOk && endOk) return at;
            at = source.indexOf(word, at + 1);
        }
        return -1;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/';
    }

    private static int newlines(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to && i < s.length(); i++) if (s.charAt(i) == '\n') n++;
        return n;
    }
}
