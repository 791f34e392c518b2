package dev.baseshift.advice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the Dockerfile has set up so far in a stage (inherited along FROM chains): the shell in effect, packages
 * installed, accounts created, files copied in. Rules read the state before each step to avoid flagging what the
 * Dockerfile already provides itself.
 */
final class StageState {
    static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    List<String> shell = DEFAULT_SHELL;
    int shellLine;
    final Set<String> packages = new HashSet<>();
    final Set<String> users = new HashSet<>();
    final Set<String> groups = new HashSet<>();
    final Map<String, String> env = new HashMap<>();
    /** Sources and destinations of COPY/ADD, lower-cased, to see what was brought in. */
    final List<String> copiedPaths = new ArrayList<>();

    StageState copy() {
        StageState s = new StageState();
        s.shell = shell;
        s.shellLine = shellLine;
        s.packages.addAll(packages);
        s.users.addAll(users);
        s.groups.addAll(groups);
        s.env.putAll(env);
        s.copiedPaths.addAll(copiedPaths);
        return s;
    }

    boolean installed(String pkg) {
        return packages.contains(pkg);
    }

    boolean copied(String fragment) {
        return copiedPaths.stream().anyMatch(p -> p.contains(fragment));
    }

    /** The shell in effect is bash (SHELL ["/bin/bash", ...]). */
    boolean bashShell() {
        return Step.isBash(shell.get(0));
    }
}
