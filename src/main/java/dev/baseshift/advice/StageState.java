package dev.baseshift.advice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the Dockerfile has set up in a stage up to some step (inherited along FROM chains): the shell in effect,
 * packages installed, accounts created, files copied in. Rules read the state before each step so as not to flag
 * what the Dockerfile provides itself.
 *
 * <p>A state is a cheap view of a {@link Log} at a moment: the log only grows, so a view is the log's first entries.
 */
final class StageState {
    static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    private final Log log;
    private final int packages;
    private final int users;
    private final int paths;
    private final List<String> shell;
    private final int shellLine;

    private StageState(Log log) {
        this.log = log;
        this.packages = log.packages.size();
        this.users = log.users.size();
        this.paths = log.paths.size();
        this.shell = log.shell;
        this.shellLine = log.shellLine;
    }

    static StageState empty() {
        return new Log().state();
    }

    boolean installed(String pkg) {
        Integer at = log.packageIndex.get(pkg);
        return at != null && at < packages;
    }

    boolean hasUser(String user) {
        Integer at = log.userIndex.get(user);
        return at != null && at < users;
    }

    /** Some COPY/ADD source or destination so far contains this text (lower case). */
    boolean copied(String fragment) {
        for (int i = 0; i < paths; i++) if (log.paths.get(i).contains(fragment)) return true;
        return false;
    }

    /** The SHELL in effect, as an exec-form list. */
    List<String> shell() { return shell; }

    /** Line of the SHELL instruction in effect, 0 for the default shell. */
    int shellLine() { return shellLine; }

    /** ENV and ARG values of the stage; complete only for the state at the stage's end. */
    Map<String, String> env() { return log.env; }

    /** The growing record of one stage, from which states are taken. */
    static final class Log {
        private final List<String> packages = new ArrayList<>();
        private final Map<String, Integer> packageIndex = new HashMap<>();
        private final List<String> users = new ArrayList<>();
        private final Map<String, Integer> userIndex = new HashMap<>();
        private final List<String> paths = new ArrayList<>();
        private final Set<String> pathSet = new HashSet<>();
        private final Map<String, String> env = new HashMap<>();
        private List<String> shell = DEFAULT_SHELL;
        private int shellLine;

        /** A log for a child stage, starting where this one ends. */
        Log inherit() {
            Log child = new Log();
            packages.forEach(child::addPackage);
            users.forEach(child::addUser);
            paths.forEach(child::addPath);
            child.env.putAll(env);
            child.shell = shell;
            child.shellLine = shellLine;
            return child;
        }

        StageState state() {
            return new StageState(this);
        }

        void addPackage(String pkg) {
            if (packageIndex.putIfAbsent(pkg, packages.size()) == null) packages.add(pkg);
        }

        void addUser(String user) {
            if (userIndex.putIfAbsent(user, users.size()) == null) users.add(user);
        }

        void addPath(String path) {
            if (pathSet.add(path)) paths.add(path);
        }

        void shell(List<String> shell, int line) {
            this.shell = shell;
            this.shellLine = line;
        }

        Map<String, String> env() { return env; }
    }
}
