package dev.baseshift.advice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * useradd/groupadd/usermod (shadow) on Alpine, where busybox provides only adduser/addgroup; Debian's adduser
 * options there. The fix translates the common flags.
 */
final class UserCommandsOnAlpineRule implements Rule {
    static final String ID = "useradd-on-alpine";

    @Override
    public String id() { return ID; }

    @Override
    public void check(Review review) {
        if (!review.busybox()) return;
        for (Step step : review.steps()) {
            if (!step.keyword().equals("RUN") || step.before().installed("shadow")) continue;
            for (Command c : step.commands()) {
                UserCommand.of(c).ifPresent(u -> judge(review, step, u));
            }
        }
    }

    private void judge(Review review, Step step, UserCommand u) {
        int line = step.lineOf(u.command());
        String notFound = u.program() + " is not on " + review.targetImage()
                + " (busybox has adduser/addgroup), so this step fails with '" + u.program() + ": not found'";
        String orShadow = "; or install shadow first: apk add --no-cache shadow";
        switch (u.program()) {
            case "useradd" -> review.report(step, ID, Severity.ERROR, line, notFound, fromUseradd(u) + orShadow);
            case "groupadd" -> review.report(step, ID, Severity.ERROR, line, notFound, fromGroupadd(u) + orShadow);
            case "usermod" -> review.report(step, ID, Severity.ERROR, line, notFound, fromUsermod(u) + orShadow);
            case "adduser", "addgroup" -> {
                if (u.debianStyle()) {
                    review.report(step, ID, Severity.WARNING, line, "busybox " + u.program() + " on "
                                    + review.targetImage() + " does not take Debian's long options ("
                                    + longOptions(u) + "); this step may fail with 'unrecognized option'",
                            u.program().equals("adduser") ? fromDebianAdduser(u) : fromGroupadd(u));
                }
            }
            default -> { }
        }
    }

    private static String fromUseradd(UserCommand u) {
        String name = name(u);
        List<String> out = new ArrayList<>(List.of("adduser", "-D"));
        if (u.has("-r", "--system")) out.add("-S");
        u.value("-u", "--uid").ifPresent(v -> out.addAll(List.of("-u", v)));
        u.value("-g", "--gid").ifPresent(v -> out.addAll(List.of("-G", v)));
        u.value("-d", "--home-dir").ifPresent(v -> out.addAll(List.of("-h", v)));
        u.value("-s", "--shell").ifPresent(v -> out.addAll(List.of("-s", v)));
        u.value("-c", "--comment").ifPresent(v -> out.addAll(List.of("-g", quote(v))));
        if (u.has("-M", "--no-create-home")) out.add("-H");
        out.add(name);
        StringBuilder fix = new StringBuilder("RUN ").append(String.join(" ", out));
        u.value("-G", "--groups").ifPresent(groups -> Arrays.stream(groups.split(","))
                .forEach(g -> fix.append(" && addgroup ").append(name).append(' ').append(g)));
        return fix.toString();
    }

    private static String fromGroupadd(UserCommand u) {
        List<String> out = new ArrayList<>(List.of("addgroup"));
        if (u.has("-r", "--system")) out.add("-S");
        u.value("-g", "--gid").ifPresent(v -> out.addAll(List.of("-g", v)));
        out.add(name(u));
        return "RUN " + String.join(" ", out);
    }

    private static String fromUsermod(UserCommand u) {
        String name = name(u);
        List<String> groups = u.value("-G", "--groups").map(g -> List.of(g.split(","))).orElse(List.of());
        if (groups.isEmpty()) return "busybox has no usermod: set the account up when creating it with adduser";
        return "RUN " + String.join(" && ", groups.stream().map(g -> "addgroup " + name + " " + g).toList());
    }

    private static String fromDebianAdduser(UserCommand u) {
        String name = name(u);
        List<String> out = new ArrayList<>(List.of("adduser", "-D"));
        if (u.has("--system")) out.add("-S");
        u.value("--uid").ifPresent(v -> out.addAll(List.of("-u", v)));
        String group = u.value("--ingroup").orElse(u.has("--group") ? name : null);
        if (group != null) out.addAll(List.of("-G", group));
        u.value("--home").ifPresent(v -> out.addAll(List.of("-h", v)));
        u.value("--shell").ifPresent(v -> out.addAll(List.of("-s", v)));
        u.value("--gecos", "--comment").ifPresent(v -> out.addAll(List.of("-g", quote(v))));
        if (u.has("--no-create-home")) out.add("-H");
        out.add(name);
        String groupFirst = u.has("--group") ? "addgroup" + (u.has("--system") ? " -S " : " ") + name + " && " : "";
        return "RUN " + groupFirst + String.join(" ", out);
    }

    private static String longOptions(UserCommand u) {
        return String.join(" ", u.options().stream().map(UserCommand.Option::name).filter(n -> n.startsWith("--"))
                .distinct().toList());
    }

    private static String name(UserCommand u) {
        return u.names().isEmpty() ? "<name>" : u.names().get(0);
    }

    private static String quote(String v) {
        return v.isEmpty() || v.contains(" ") ? "\"" + v + "\"" : v;
    }
}
