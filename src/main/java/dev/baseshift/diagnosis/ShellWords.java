package dev.baseshift.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The simple commands of a shell-form RUN, read straight from the Dockerfile's source so that each word keeps its
 * exact offsets there: a patch can then replace or drop single words and keep the user's continuations, indentation
 * and comments. Escaped line breaks are blanks; comment lines inside a continuation are skipped, as Docker does.
 * Command substitutions and quotes stay inside their word.
 */
final class ShellWords {
    private static final Set<String> PREFIX_WORDS = Set.of("if", "then", "else", "elif", "do", "while", "until", "!",
            "{", "time", "exec", "nohup", "command", "builtin", "sudo", "env");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

    /** A word: [start, end) in the Dockerfile text, its value with quotes and escapes removed. */
    record Word(int start, int end, String value, boolean redirect) {
        boolean assignment() { return !redirect && ASSIGNMENT.matcher(value).matches(); }
    }

    /**
     * A simple command.
     *
     * @param program index in {@code words} of the program word, or -1 (only assignments, keywords)
     */
    record Cmd(List<Word> words, int program) {
        int start() { return words.get(0).start(); }

        int end() { return words.get(words.size() - 1).end(); }

        String programName() {
            if (program < 0) return "";
            String w = words.get(program).value();
            return w.substring(w.lastIndexOf('/') + 1);
        }

        /** Words after the program that are not redirections. */
        List<Word> args() {
            List<Word> out = new ArrayList<>();
            if (program < 0) return out;
            for (int i = program + 1; i < words.size(); i++) if (!words.get(i).redirect()) out.add(words.get(i));
            return out;
        }
    }

    private final String text;
    private final int to;
    private final char escape;
    private final List<Cmd> commands = new ArrayList<>();
    private final List<Word> words = new ArrayList<>();
    private final StringBuilder value = new StringBuilder();
    private int wordStart = -1;
    private boolean wordIsRedirect;
    private boolean nextIsRedirect;

    private ShellWords(String text, int to, char escape) {
        this.text = text;
        this.to = to;
        this.escape = escape;
    }

    /** The commands in text[from, to). */
    static List<Cmd> scan(String text, int from, int to, char escape) {
        ShellWords s = new ShellWords(text, to, escape);
        s.run(from);
        return s.commands;
    }

    private void run(int i) {
        while (i < to) {
            char c = text.charAt(i);
            if (c == escape && continuation(i) > 0) {
                endWord(i);
                i = skipCommentLines(i + continuation(i));
            } else if (c == '\\' && i + 1 < to) {
                startWord(i);
                value.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '\'') {
                startWord(i);
                int j = i + 1;
                while (j < to && text.charAt(j) != '\'') {
                    int k = text.charAt(j) == escape ? continuation(j) : 0;
                    if (k > 0) { j += k; continue; }
                    value.append(text.charAt(j++));
                }
                i = Math.min(to, j + 1);
            } else if (c == '"') {
                startWord(i);
                i = doubleQuoted(i + 1);
            } else if (c == '$' && i + 1 < to && (text.charAt(i + 1) == '(' || text.charAt(i + 1) == '{')) {
                startWord(i);
                int end = balanced(i + 1);
                value.append(text, i, end);
                i = end;
            } else if (c == '`') {
                startWord(i);
                int end = text.indexOf('`', i + 1);
                end = end < 0 || end >= to ? to : end + 1;
                value.append(text, i, end);
                i = end;
            } else if (c == '#' && wordStart < 0) {
                i = to;                                   // a shell comment runs to the end of the joined line
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                endWord(i);
                i++;
            } else if (c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
                if (c == '&' && wordStart >= 0 && wordIsRedirect) { value.append(c); i++; continue; }  // 2>&1
                endWord(i);
                endCommand();
                i++;
            } else if (c == '<' || c == '>') {
                if (wordStart >= 0 && !value.toString().chars().allMatch(Character::isDigit)) endWord(i);
                startWord(i);
                wordIsRedirect = true;
                int j = i;
                while (j < to && (text.charAt(j) == '<' || text.charAt(j) == '>' || text.charAt(j) == '&')) j++;
                value.append(text, i, j);
                boolean glued = j < to && text.charAt(j) != ' ' && text.charAt(j) != '\t' && text.charAt(j) != escape;
                if (!glued) nextIsRedirect = true;
                i = j;
            } else {
                startWord(i);
                value.append(c);
                i++;
            }
        }
        endWord(to);
        endCommand();
    }

    /** Length of escape + line break at i (2 or 3 with CR), else 0. */
    private int continuation(int i) {
        if (i + 1 < to && text.charAt(i + 1) == '\n') return 2;
        if (i + 2 < to && text.charAt(i + 1) == '\r' && text.charAt(i + 2) == '\n') return 3;
        return 0;
    }

    /** After a continuation: lines that are blank or start with '#' belong to no command (Docker drops them). */
    private int skipCommentLines(int i) {
        while (i < to) {
            int j = i;
            while (j < to && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) j++;
            if (j < to && text.charAt(j) == '#') {
                int nl = text.indexOf('\n', j);
                i = nl < 0 || nl >= to ? to : nl + 1;
            } else {
                return i;
            }
        }
        return i;
    }

    private int doubleQuoted(int i) {
        while (i < to) {
            char c = text.charAt(i);
            if (c == '"') return i + 1;
            if (c == escape && continuation(i) > 0) {
                i += continuation(i);
            } else if (c == '\\' && i + 1 < to && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                value.append(text.charAt(i + 1));
                i += 2;
            } else {
                value.append(c);
                i++;
            }
        }
        return to;
    }

    private int balanced(int open) {
        char o = text.charAt(open);
        char close = o == '(' ? ')' : '}';
        int depth = 0;
        for (int i = open; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0 || end >= to) return to;
                i = end;
            } else if (c == o) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i + 1;
            }
        }
        return to;
    }

    private void startWord(int i) {
        if (wordStart < 0) {
            wordStart = i;
            wordIsRedirect = nextIsRedirect;
            nextIsRedirect = false;
        }
    }

    private void endWord(int i) {
        if (wordStart < 0) return;
        words.add(new Word(wordStart, i, value.toString(), wordIsRedirect));
        value.setLength(0);
        wordStart = -1;
        wordIsRedirect = false;
    }

    private void endCommand() {
        nextIsRedirect = false;
        if (words.isEmpty()) return;
        int program = -1;
        for (int k = 0; k < words.size(); k++) {
            Word w = words.get(k);
            if (w.redirect() || w.assignment() || PREFIX_WORDS.contains(w.value())) continue;
            if (w.value().startsWith("-") && k > 0 && PREFIX_WORDS.contains(words.get(k - 1).value())) continue;
            program = k;
            break;
        }
        commands.add(new Cmd(List.copyOf(words), program));
        words.clear();
    }
}
