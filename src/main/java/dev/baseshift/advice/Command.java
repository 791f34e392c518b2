package dev.baseshift.advice;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One simple command of a shell script, as far as the rules need it: the program and its words with quotes removed.
 * Every rule asks for the program of every command, so it is worked out once.
 */
final class Command {
    private final List<String> words;
    private final Map<String, String> env;
    private final int offset;
    private final String raw;
    private final String program;

    /**
     * @param words  the program first, then its arguments (redirections dropped)
     * @param env    {@code NAME=value} assignments written before the program
     * @param offset where the program word starts in the script text
     * @param raw    the program word as written (for finding its line in the source)
     */
    Command(List<String> words, Map<String, String> env, int offset, String raw) {
        this.words = List.copyOf(words);
        this.env = Map.copyOf(env);
        this.offset = offset;
        this.raw = raw;
        String w = this.words.get(0);
        this.program = w.substring(w.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    List<String> words() { return words; }

    Map<String, String> env() { return env; }

    int offset() { return offset; }

    String raw() { return raw; }

    /** The program's file name, lower-cased: {@code /usr/bin/apt-get} → {@code apt-get}. */
    String program() { return program; }

    /** The arguments after the program. */
    List<String> args() {
        return words.subList(1, words.size());
    }

    /** The first argument that is not an option, or "" when there is none. */
    String subcommand() {
        for (String a : args()) if (!a.startsWith("-")) return a.toLowerCase(Locale.ROOT);
        return "";
    }
}
