package dev.baseshift.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Dockerfile text with BuildKit's semantics. Stateless and thread-safe. */
public final class DockerfileParser {
    private DockerfileParser() {}

    static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV",
            "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL",
            "HEALTHCHECK", "SHELL");

    private static final Set<String> VALID_DIRECTIVES = Set.of("syntax", "escape", "check");
    // BuildKit's directive pattern is #\s*(key)\s*=\s*(.+?)\s*$ (Go's \s); the value is trimmed by hand below
    // because a lazy group before \s*$ backtracks quadratically in Java's regex engine.
    private static final Pattern DIRECTIVE =
            Pattern.compile("^#[\\t\\n\\f\\r ]*([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=(.*)$", Pattern.DOTALL);
    private static final Pattern HEREDOC = Pattern.compile("^(\\d*)<<(-?)([^<]*)$");
    private static final Set<String> HEREDOC_INSTRUCTIONS = Set.of("RUN", "COPY", "ADD");
    private static final Set<String> EXEC_FORM = Set.of("RUN", "CMD", "ENTRYPOINT", "SHELL");
    private static final Set<String> LIST_FORM = Set.of("COPY", "ADD", "VOLUME");
    private static final Set<String> NEEDS_ARGUMENT = Set.of("ENV", "LABEL", "ARG", "EXPOSE", "VOLUME", "ONBUILD",
            "SHELL", "HEALTHCHECK");
    private static final Set<String> NEEDS_ONE_ARGUMENT = Set.of("USER", "WORKDIR", "STOPSIGNAL", "MAINTAINER");
    private static final Pattern WORD = Pattern.compile("[A-Z][A-Z0-9_-]{0,31}");
    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");

    /** Flags each instruction accepts: name → kind (string value, boolean, or repeatable). */
    private enum Kind { VALUE, BOOL }

    private static final Map<String, Map<String, Kind>> FLAGS = Map.of(
            "FROM", Map.of("platform", Kind.VALUE),
            "RUN", Map.of("mount", Kind.VALUE, "network", Kind.VALUE, "security", Kind.VALUE,
                    "device", Kind.VALUE),
            "COPY", Map.of("from", Kind.VALUE, "chown", Kind.VALUE, "chmod", Kind.VALUE, "link", Kind.BOOL,
                    "parents", Kind.BOOL, "exclude", Kind.VALUE),
            "ADD", Map.of("chown", Kind.VALUE, "chmod", Kind.VALUE, "link", Kind.BOOL, "keep-git-dir", Kind.BOOL,
                    "checksum", Kind.VALUE, "exclude", Kind.VALUE, "unpack", Kind.BOOL, "parents", Kind.BOOL),
            "HEALTHCHECK", Map.of("interval", Kind.VALUE, "timeout", Kind.VALUE, "start-period", Kind.VALUE,
                    "start-interval", Kind.VALUE, "retries", Kind.VALUE));

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * @param name how the file is named in error messages
     * @param text the whole file
     * @throws DockerfileException with the 1-based line for anything BuildKit would reject, an empty file, or no FROM
     */
    public static Dockerfile parse(String name, String text) throws DockerfileException {
        return new Run(name, text).parse();
    }

    /** The state of one parse: the source split into physical lines, and the directives seen so far. */
    private static final class Run {
        private final String name;
        private final String text;
        private final int[] lineStart;
        private final int[] contentEnd;
        private final int lines;
        private final List<Directive> directives = new ArrayList<>();
        private final Set<String> seenDirectives = new HashSet<>();
        private boolean directivesDone;
        private char escape = '\\';
        private Pattern continuation = continuationPattern('\\');
        /** The next physical line to read, 0-based. */
        private int cursor;

        Run(String name, String text) {
            this.name = name;
            this.text = text;
            int count = 0;
            for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') count++;
            if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') count++;
            lineStart = new int[count];
            contentEnd = new int[count];
            int pos = 0;
            for (int l = 0; l < count; l++) {
                int nl = text.indexOf('\n', pos);
                int end = nl < 0 ? text.length() : nl;
                lineStart[l] = pos;
                // Go's scanner strips every trailing CR as part of the line break.
                int ce = end;
                while (ce > pos && text.charAt(ce - 1) == '\r') ce--;
                contentEnd[l] = ce;
                pos = end + 1;
            }
            // BuildKit discards a UTF-8 byte-order mark on the first line.
            if (count > 0 && text.charAt(0) == '\uFEFF') lineStart[0] = 1;
            lines = count;
        }

        private String content(int l) {
            return text.substring(lineStart[l], contentEnd[l]);
        }

        private DockerfileException error(int line, String reason) {
            return new DockerfileException(name, line, reason);
        }

        Dockerfile parse() throws DockerfileException {
            List<Instruction> instructions = new ArrayList<>();
            boolean seenFrom = false;
            while (cursor < lines) {
                String processed = Words.trimLeft(content(cursor));
                directive(processed, cursor + 1);
                if (isComment(processed)) processed = "";
                int startLine = cursor;
                cursor++;
                boolean endOfLine = !continuation.matcher(processed).find();
                String first = endOfLine ? processed : stripContinuation(processed);
                if (endOfLine && first.isEmpty()) continue;
                StringBuilder joined = new StringBuilder(first);
                // A line holding only the escape character continues onto the keyword; the instruction starts there.
                int keywordLine = Words.trim(first).isEmpty() ? -1 : startLine;
                int lastLine = startLine;
                while (!endOfLine && cursor < lines) {
                    String next = content(cursor);
                    lastLine = cursor;
                    cursor++;
                    String trimmed = Words.trimLeft(next);
                    // Comment lines and blank lines inside a continuation are dropped, not ended on.
                    if (isComment(trimmed) || trimmed.isEmpty()) continue;
                    endOfLine = !continuation.matcher(next).find();
                    String piece = endOfLine ? next : stripContinuation(next);
                    if (keywordLine < 0 && !Words.trim(piece).isEmpty()) keywordLine = cursor - 1;
                    joined.append(piece);
                }
                String line = Words.trim(joined.toString());
                if (line.isEmpty()) continue;
                startLine = keywordLine;

                Node node = node(line, startLine + 1);
                if (!seenFrom && !node.keyword.equals("ARG") && !node.keyword.equals("FROM")) {
                    throw error(startLine + 1, node.keyword + " instruction before the first FROM"
                            + " (only ARG may come before FROM)");
                }
                if (node.keyword.equals("FROM")) seenFrom = true;

                List<Heredoc> heredocs = List.of();
                if (node.heredocAllowed && line.contains("<<")) {
                    heredocs = heredocs(line, startLine + 1);
                    if (!heredocs.isEmpty()) lastLine = cursor - 1;
                }
                String keywordRaw = content(startLine);
                int startOffset = lineStart[startLine] + (keywordRaw.length() - Words.trimLeft(keywordRaw).length());
                instructions.add(new Instruction(node.keyword, node.flags, node.arguments, node.execForm, heredocs,
                        startLine + 1, lastLine + 1, startOffset, contentEnd[lastLine]));
            }
            if (!seenFrom) throw error(1, "no FROM instruction");
            return new Dockerfile(name, text, directives, instructions, escape);
        }

        /** Reads the bodies of the heredocs the line opens, from the cursor on; the cursor ends past the last one. */
        private List<Heredoc> heredocs(String line, int lineNo) throws DockerfileException {
            List<Heredoc> heredocs = new ArrayList<>();
            for (HeredocStart start : heredocStarts(line)) {
                StringBuilder body = new StringBuilder();
                int bodyStart = cursor + 1;
                boolean terminated = false;
                while (cursor < lines && !terminated) {
                    String bodyLine = content(cursor++);
                    String candidate = start.chomp ? stripLeadingTabs(bodyLine) : bodyLine;
                    terminated = candidate.equals(start.name);
                    if (!terminated) body.append(candidate).append('\n');
                }
                if (!terminated) {
                    throw error(lineNo, "unterminated heredoc <<" + start.name + " (no line \"" + start.name
                            + "\" closes it)");
                }
                heredocs.add(new Heredoc(start.name, start.chomp, start.expand, body.toString(), bodyStart, cursor));
            }
            return heredocs;
        }

        private void directive(String line, int lineNo) throws DockerfileException {
            if (directivesDone) return;
            Matcher m = DIRECTIVE.matcher(line);
            if (!m.matches()) {
                directivesDone = true;
                return;
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            if (!VALID_DIRECTIVES.contains(key) || directiveValue(m.group(2)) == null) {
                directivesDone = true;
                return;
            }
            if (!seenDirectives.add(key)) {
                throw error(lineNo, "only one " + key + " parser directive can be used");
            }
            String value = directiveValue(m.group(2));
            if (key.equals("escape")) {
                if (!value.equals("`") && !value.equals("\\")) {
                    throw error(lineNo, "invalid escape token '" + value + "' does not match ` or \\");
                }
                escape = value.charAt(0);
                continuation = continuationPattern(escape);
            }
            directives.add(new Directive(key, value, lineNo));
        }

        /**
         * The value as BuildKit's pattern captures it: trimmed of Go whitespace, but when only whitespace follows
         * the '=' the lazy group still takes the last whitespace character; null when nothing follows.
         */
        private static String directiveValue(String rest) {
            int start = 0;
            int end = rest.length();
            while (start < end && isGoSpace(rest.charAt(start))) start++;
            while (end > start && isGoSpace(rest.charAt(end - 1))) end--;
            if (start < end) return rest.substring(start, end);
            return rest.isEmpty() ? null : rest.substring(rest.length() - 1);
        }

        private static boolean isGoSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
        }

        private String stripContinuation(String s) {
            Matcher m = continuation.matcher(s);
            return m.find() ? s.substring(0, m.start()) : s;
        }

        /**
         * Echoes the first word only when it looks like a keyword: a file that is not a Dockerfile at all (a link to
         * a secret, a binary) must not have its content printed.
         */
        private DockerfileException unknownInstruction(int lineNo, String word) {
            return WORD.matcher(word).matches() ? error(lineNo, "unknown instruction: " + word)
                    : error(lineNo, "unknown instruction (the line does not start with a Dockerfile instruction)");
        }

        /** Splits one logical line into keyword, flags and arguments, and checks what BuildKit checks. */
        private Node node(String line, int lineNo) throws DockerfileException {
            int cut = 0;
            while (cut < line.length() && !isSeparator(line.charAt(cut))) cut++;
            String written = line.substring(0, cut);
            String keyword = written.toUpperCase(Locale.ROOT);
            if (!INSTRUCTIONS.contains(keyword)) throw unknownInstruction(lineNo, keyword);
            while (cut < line.length() && isSeparator(line.charAt(cut))) cut++;
            FlagSplit split = flags(line.substring(cut));
            List<Flag> flags = checkFlags(keyword, split.flags, lineNo);
            String args = Words.trim(split.rest);

            Node node = new Node(keyword, flags, args);
            if (args.isEmpty() && NEEDS_ARGUMENT.contains(keyword)) {
                throw error(lineNo, keyword + " requires at least one argument");
            }
            if (args.isEmpty() && NEEDS_ONE_ARGUMENT.contains(keyword)) {
                throw error(lineNo, keyword + " requires exactly one argument");
            }
            node.heredocAllowed = HEREDOC_INSTRUCTIONS.contains(keyword);
            if (EXEC_FORM.contains(keyword) || LIST_FORM.contains(keyword)) {
                node.execForm = json(args, lineNo);
                if (node.execForm != null) node.heredocAllowed = false;
            }
            switch (keyword) {
                case "FROM" -> checkFrom(args, lineNo);
                case "SHELL" -> {
                    if (node.execForm == null) throw error(lineNo, "SHELL requires the arguments to be in JSON form");
                }
                case "COPY", "ADD" -> {
                    int count = node.execForm != null ? node.execForm.size() : Words.fields(args).size();
                    if (count < 2) {
                        throw error(lineNo, keyword + " requires at least two arguments, but only one was provided."
                                + " Destination could not be determined");
                    }
                }
                case "ENV", "LABEL" -> checkNameValues(keyword, args, lineNo);
                case "ARG" -> {
                    for (String word : Words.quoted(args, escape)) {
                        if (word.startsWith("=")) throw error(lineNo, "ARG names can not be blank");
                    }
                }
                case "HEALTHCHECK" -> node.execForm = healthcheck(args, lineNo);
                case "ONBUILD" -> node.heredocAllowed = onbuild(args, lineNo);
                default -> { }
            }
            return node;
        }

        private void checkFrom(String args, int lineNo) throws DockerfileException {
            List<String> words = Words.fields(args);
            if (words.size() == 3 && words.get(1).equalsIgnoreCase("as")) {
                String stage = words.get(2);
                if (!STAGE_NAME.matcher(stage.toLowerCase(Locale.ROOT)).matches()) {
                    throw error(lineNo, "invalid name for build stage: \"" + stage
                            + "\", name can't start with a number or contain symbols");
                }
                return;
            }
            if (words.size() == 2 && words.get(1).equalsIgnoreCase("as")) {
                throw error(lineNo, "FROM " + words.get(0) + " AS is missing the stage name");
            }
            if (words.size() == 3) {
                throw error(lineNo, "FROM expects \"AS\" after the image, found \"" + words.get(1) + "\"");
            }
            if (words.size() != 1) {
                throw error(lineNo, "FROM requires either one or three arguments: FROM image [AS name]");
            }
        }

        private void checkNameValues(String keyword, String args, int lineNo) throws DockerfileException {
            List<String> words = Words.quoted(args, escape);
            if (words.isEmpty()) throw error(lineNo, keyword + " requires at least one argument");
            if (!words.get(0).contains("=")) {
                // Legacy form "ENV name value": the value is the rest of the line.
                if (words.size() < 2) throw error(lineNo, keyword + " must have two arguments");
                return;
            }
            for (String word : words) {
                if (!word.contains("=")) {
                    throw error(lineNo, "Syntax error - can't find = in \"" + word
                            + "\". Must be of the form: name=value");
                }
                if (word.startsWith("=")) throw error(lineNo, keyword + " names can not be blank");
            }
        }

        private List<String> healthcheck(String args, int lineNo) throws DockerfileException {
            List<String> words = Words.fields(args);
            String type = words.get(0).toUpperCase(Locale.ROOT);
            if (type.equals("NONE")) {
                if (words.size() > 1) throw error(lineNo, "HEALTHCHECK NONE takes no arguments");
                return null;
            }
            if (!type.equals("CMD")) {
                throw error(lineNo, "Unknown type \"" + words.get(0) + "\" in HEALTHCHECK (try CMD)");
            }
            String command = Words.trim(args.substring(words.get(0).length()));
            if (command.isEmpty()) throw error(lineNo, "Missing command after HEALTHCHECK CMD");
            return json(command, lineNo);
        }

        /** @return whether the trigger may carry heredocs */
        private boolean onbuild(String args, int lineNo) throws DockerfileException {
            int cut = 0;
            while (cut < args.length() && !isSeparator(args.charAt(cut))) cut++;
            String trigger = args.substring(0, cut).toUpperCase(Locale.ROOT);
            if (trigger.equals("ONBUILD") || trigger.equals("FROM") || trigger.equals("MAINTAINER")) {
                throw error(lineNo, trigger + " isn't allowed as an ONBUILD trigger");
            }
            if (!INSTRUCTIONS.contains(trigger)) throw unknownInstruction(lineNo, trigger);
            if (!HEREDOC_INSTRUCTIONS.contains(trigger)) return false;
            String rest = Words.trim(flags(args.substring(cut)).rest);
            return json(rest, lineNo) == null;
        }

        /**
         * The exec (JSON) form, or null for shell form. Invalid JSON falls back to shell form; valid JSON that is
         * not an array of strings is an error.
         */
        private List<String> json(String args, int lineNo) throws DockerfileException {
            if (!args.startsWith("[")) return null;
            JsonNode tree;
            try {
                tree = JSON.readTree(args);
            } catch (JsonProcessingException e) {
                return null;
            }
            if (tree == null || !tree.isArray()) return null;
            List<String> out = new ArrayList<>();
            for (JsonNode element : tree) {
                if (!element.isTextual()) {
                    throw error(lineNo, "when using JSON array syntax, arrays must be comprised of strings only");
                }
                out.add(element.textValue());
            }
            return out;
        }

        private List<Flag> checkFlags(String keyword, List<String> words, int lineNo) throws DockerfileException {
            Map<String, Kind> allowed = FLAGS.getOrDefault(keyword, Map.of());
            List<Flag> out = new ArrayList<>();
            for (String word : words) {
                String body = word.substring(2);
                int eq = body.indexOf('=');
                String flagName = eq < 0 ? body : body.substring(0, eq);
                String value = eq < 0 ? null : body.substring(eq + 1);
                Kind kind = allowed.get(flagName);
                if (kind == null) throw error(lineNo, "unknown flag: " + flagName + " (on " + keyword + ")");
                if (kind == Kind.VALUE && value == null) throw error(lineNo, "missing a value on flag: " + flagName);
                if (kind == Kind.BOOL && value != null && !value.equalsIgnoreCase("true")
                        && !value.equalsIgnoreCase("false")) {
                    throw error(lineNo, "expecting boolean value for flag " + flagName + ", not: " + value);
                }
                out.add(new Flag(flagName, value));
            }
            return out;
        }
    }

    /** BuildKit separates the keyword from the rest with [\t\v\f\r ]. */
    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isComment(String leftTrimmed) {
        return leftTrimmed.startsWith("#");
    }

    private static Pattern continuationPattern(char escape) {
        return Pattern.compile(Pattern.quote(String.valueOf(escape)) + "[ \\t]*$");
    }

    private static String stripLeadingTabs(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\t') i++;
        return s.substring(i);
    }

    private record FlagSplit(List<String> flags, String rest) {}

    /**
     * Leading {@code --flag} words (quotes and backslashes understood, as BuildKit does); a bare {@code --} ends
     * them. Everything from the first word not starting with {@code --} on is the rest.
     */
    private static FlagSplit flags(String line) {
        List<String> words = new ArrayList<>();
        int pos = 0;
        int n = line.length();
        while (true) {
            while (pos < n && Words.isSpace(line.charAt(pos))) pos++;
            if (pos >= n) return new FlagSplit(words, "");
            if (!line.startsWith("--", pos)) return new FlagSplit(words, line.substring(pos));
            StringBuilder word = new StringBuilder();
            boolean blankOk = false;
            char quote = 0;
            while (pos < n) {
                char c = line.charAt(pos);
                if (quote == 0 && Words.isSpace(c)) break;
                if (quote == 0 && (c == '\'' || c == '"')) {
                    quote = c;
                    blankOk = true;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else if (c == '\\') {
                    if (pos + 1 < n) word.append(line.charAt(++pos));
                    else quote = 0;
                } else {
                    word.append(c);
                }
                pos++;
            }
            String w = word.toString();
            if (w.equals("--")) return new FlagSplit(words, pos >= n ? "" : line.substring(pos));
            if (blankOk || !w.isEmpty()) words.add(w);
        }
    }

    private record HeredocStart(String name, boolean chomp, boolean expand) {}

    private static List<HeredocStart> heredocStarts(String line) {
        List<HeredocStart> out = new ArrayList<>();
        List<String> words = Words.shell(line, true);
        for (int i = 0; i < words.size(); i++) {
            Matcher m = HEREDOC.matcher(words.get(i));
            if (!m.matches()) continue;
            String rest = m.group(3);
            // BuildKit also reads "<<  EOF": the word after a bare << (or <<-) is the delimiter
            if (rest.isEmpty() && i + 1 < words.size() && !words.get(i + 1).startsWith("<")) rest = words.get(++i);
            if (rest.isEmpty()) continue;
            List<String> plain = Words.shell(rest, false);
            if (plain.size() != 1) continue;
            String delimiter = plain.get(0);
            List<String> raw = Words.shell(rest, true);
            boolean expand = quotes(delimiter) == quotes(raw.get(0));
            if (delimiter.isEmpty()) continue;
            out.add(new HeredocStart(delimiter, m.group(2).equals("-"), expand));
        }
        return out;
    }

    private static int quotes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\'' || s.charAt(i) == '"') n++;
        return n;
    }

    /** The parse of one logical line before heredoc bodies are read. */
    private static final class Node {
        final String keyword;
        final List<Flag> flags;
        final String arguments;
        List<String> execForm;
        boolean heredocAllowed;

        Node(String keyword, List<Flag> flags, String arguments) {
            this.keyword = keyword;
            this.flags = flags;
            this.arguments = arguments;
        }
    }
}
