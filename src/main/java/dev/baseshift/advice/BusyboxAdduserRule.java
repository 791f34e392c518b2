package dev.baseshift.advice;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * busybox's adduser/addgroup flags (Alpine style: {@code adduser -D -S -G app app}) on a base where adduser is
 * Debian's script or a link to useradd: the short flags are unknown there or mean something else.
 */
final class BusyboxAdduserRule implements Rule {
    static final String ID = "busybox-adduser";
    private static final Set<String> BUSYBOX_FLAGS = Set.of("-D", "-S", "-H", "-G", "-h", "-s", "-u", "-g", "-k");

    @Override
    public String id() { return ID; }

    @Override
    public void check(Review review) {
        if (!review.traits().shell() || review.busybox() || review.targetManager().isEmpty()) return;
        for (Step step : review.steps()) {
            if (!step.keyword().equals("RUN")) continue;
            for (Command c : step.commands()) {
                UserCommand.of(c).filter(BusyboxAdduserRule::busyboxStyle).ifPresent(u ->
                        review.report(step, ID, Severity.ERROR, step.lineOf(c), u.program() + " on "
                                        + review.targetImage() + " does not take busybox's short options ("
                                        + String.join(" ", u.options().stream().map(UserCommand.Option::name)
                                        .distinct().toList()) + "): this step fails",
                                translate(u)));
            }
        }
    }

    private static boolean busyboxStyle(UserCommand u) {
        boolean adds = u.program().equals("adduser") || u.program().equals("addgroup");
        boolean shortFlags = u.options().stream().anyMatch(o -> BUSYBOX_FLAGS.contains(o.name()));
        boolean addToGroup = u.program().equals("addgroup") && u.options().isEmpty() && u.names().size() == 2;
        return adds && (shortFlags || addToGroup);
    }

    private static String translate(UserCommand u) {
        String name = u.names().isEmpty() ? "<name>" : u.names().get(0);
        if (u.options().isEmpty() && u.names().size() == 2) return "RUN usermod -aG " + u.names().get(1) + " " + name;
        List<String> out = new ArrayList<>();
        if (u.program().equals("addgroup")) {
            out.add("groupadd");
            if (u.has("-S")) out.add("-r");
            u.value("-g").ifPresent(v -> out.addAll(List.of("-g", v)));
        } else {
            out.add("useradd");
            if (u.has("-S")) out.add("-r");
            u.value("-u").ifPresent(v -> out.addAll(List.of("-u", v)));
            u.value("-G").ifPresent(v -> out.addAll(List.of("-g", v)));
            u.value("-h").ifPresent(v -> out.addAll(List.of("-d", v)));
            u.value("-s").ifPresent(v -> out.addAll(List.of("-s", v)));
            u.value("-g").ifPresent(v -> out.addAll(List.of("-c", v.isEmpty() || v.contains(" ") ? "\"" + v + "\"" : v)));
            u.value("-k").ifPresent(v -> out.addAll(List.of("-k", v)));
            out.add(u.has("-H") ? "-M" : "-m");
        }
        out.add(name);
        return "RUN " + String.join(" ", out);
    }
}
