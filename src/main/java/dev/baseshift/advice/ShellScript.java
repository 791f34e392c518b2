package dev.baseshift.advice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits shell text into simple commands. Not a full shell: enough to see which programs a RUN calls and with which
 * words, through quotes, {@code &&}/{@code ||}/{@code ;}/pipes, {@code if/then}, {@code sudo}, {@code env} and
 * {@code VAR=value} prefixes. Command substitutions stay inside their word and are not looked into.
 */
final class ShellScript {
    private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "do", "done", "while",
            "until", "!", "{", "}", "time", "exec", "nohup", "command", "builtin");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final Set<String> NOT_A_COMMAND = Set.of("for", "case", "esac", "in", "function", ";;");

    private final String text;
    private final List<Command> commands = new ArrayList<>();
    private final List<String> words = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();
    private final List<String> raws = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private int wordStart = -1;
    private boolean skipNextWord;

    private ShellScript(String text) {
        this.text = text;
    }

    static List<Command> parse(String text) {
        ShellScript s = new ShellScript(text);
        s.run();
        return List.copyOf(s.commands);
    }

    private void run() {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n) {
                if (text.charAt(i + 1) == '\n') { i += 2; continue; }
                startWord(i);
                current.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '\'') {
                startWord(i);
                int end = text.indexOf('\'', i + 1);
                if (end < 0) end = n;
                current.append(text, i + 1, end);
                i = Math.min(n, end + 1);
            } else if (c == '"') {
                startWord(i);
                i = doubleQuoted(i + 1);
            } else if (c == '$' && i + 1 < n && (text.charAt(i + 1) == '(' || text.charAt(i + 1) == '{')) {
                startWord(i);
                int end = balanced(i + 1);
                current.append(text, i, end);
                i = end;
            } else if (c == '`') {
                startWord(i);
                int end = text.indexOf('`', i + 1);
                end = end < 0 ? n : end + 1;
                current.append(text, i, end);
                i = end;
            } else if (c == '#' && wordStart < 0) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                endWord(i);
                i++;
            } else if (c == '\n' || c == ';' || c == '&' || c == '|') {
                endWord(i);
                endCommand();
                i++;
            } else if (c == '(' && wordStart >= 0 && current.length() > 0 && current.charAt(current.length() - 1) == '=') {
                int end = balanced(i);      // array assignment: arr=(a b c)
                current.append(text, i, end);
                i = end;
            } else if (c == '(' || c == ')') {
                endWord(i);
                endCommand();
                i++;
            } else if (c == '<' || c == '>') {
                i = redirection(i);
            } else {
                startWord(i);
                current.append(c);
                i++;
            }
        }
        endWord(n);
        endCommand();
    }

    private int doubleQuoted(int i) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') return i + 1;
            if (c == '\\' && i + 1 < n && "\"\\$`\n".indexOf(text.charAt(i + 1)) >= 0) {
                if (text.charAt(i + 1) != '\n') current.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '$' && i + 1 < n && (text.charAt(i + 1) == '(' || text.charAt(i + 1) == '{')) {
                int end = balanced(i + 1);
                current.append(text, i, end);
                i = end;
            } else {
                current.append(c);
                i++;
            }
        }
        return n;
    }

    /** Index just past the bracket that closes the one at {@code open}, skipping quoted text. */
    private int balanced(int open) {
        char o = text.charAt(open);
        char close = o == '(' ? ')' : '}';
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' ) {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) return text.length();
                i = end;
            } else if (c == o) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i + 1;
            }
        }
        return text.length();
    }

    private int redirection(int i) {
        // a word made only of digits right before < or > is a file descriptor, not an argument
        if (wordStart >= 0 && !current.isEmpty() && current.chars().allMatch(Character::isDigit)) {
            current.setLength(0);
            wordStart = -1;
        } else {
            endWord(i);
        }
        int n = text.length();
        int j = i;
        while (j < n && "<>&|-".indexOf(text.charAt(j)) >= 0 && j - i < 3) j++;
        if (j < n && text.charAt(j) == '(') return balanced(j);   // process substitution
        skipNextWord = true;
        return j;
    }

    private void startWord(int i) {
        if (wordStart < 0) wordStart = i;
    }

    private void endWord(int i) {
        if (wordStart < 0) return;
        if (skipNextWord) {
            skipNextWord = false;
        } else {
            words.add(current.toString());
            starts.add(wordStart);
            raws.add(text.substring(wordStart, i));
        }
        current.setLength(0);
        wordStart = -1;
    }

    private void endCommand() {
        skipNextWord = false;
        int k = 0;
        Map<String, String> env = new LinkedHashMap<>();
        while (k < words.size()) {
            String w = words.get(k);
            if (KEYWORDS.contains(w)) {
                k++;
            } else if (ASSIGNMENT.matcher(w).matches()) {
                int eq = w.indexOf('=');
                env.put(w.substring(0, eq), w.substring(eq + 1));
                k++;
            } else if (w.equals("sudo") || w.equals("env")) {
                k++;
                while (k < words.size() && words.get(k).startsWith("-")) {
                    boolean takesValue = words.get(k).equals("-u") || words.get(k).equals("-g");
                    k += takesValue ? 2 : 1;
                }
            } else {
                break;
            }
        }
        if (k < words.size() && !NOT_A_COMMAND.contains(words.get(k))) {
            commands.add(new Command(words.subList(k, words.size()), env, starts.get(k), raws.get(k)));
        }
        words.clear();
        starts.clear();
        raws.clear();
    }
}
