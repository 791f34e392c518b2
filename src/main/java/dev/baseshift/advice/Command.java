package dev.baseshift.advice;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One simple command of a shell script, as far as the rules need it: the program and its words with quotes removed.
 *
 * @param words  the program first, then its arguments (redirections dropped)
 * @param env    {@code NAME=value} assignments written before the program
 * @param offset where the program word starts in the script text
 * @param raw    the program word as written (for finding its line in the source)
 */
record Command(List<String> words, Map<String, String> env, int offset, String raw) {

    Command {
        words = List.copyOf(words);
        env = Map.copyOf(env);
    }

    /** The program's file name, lower-cased: {@code /usr/bin/apt-get} → {@code apt-get}. */
    String program() {
        String w = words.get(0);
        return w.substring(w.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    /** The arguments after the program. */
    List<String> args() {
        return words.subList(1, words.size());
    }

    /** The first argument that is not an option, or "" when there is none. */
    String subcommand() {
        return args().stream().filter(a -> !a.startsWith("-")).findFirst().orElse("").toLowerCase(Locale.ROOT);
    }
}
