package dev.baseshift.advice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A call to useradd/adduser/groupadd/addgroup/usermod, split into options (with their values) and positional words.
 *
 * @param options  options in order, each with its value or null
 * @param names    positional words (user, then group for {@code adduser USER GROUP})
 */
record UserCommand(Command command, List<Option> options, List<String> names) {

    record Option(String name, String value) {}

    private static final Pattern COMBINED_FLAGS = Pattern.compile("-[A-Za-z]{2,}");
    static final Set<String> PROGRAMS = Set.of("useradd", "adduser", "groupadd", "addgroup", "usermod");

    private static final Set<String> VALUE_OPTIONS = Set.of(
            // shadow useradd/groupadd/usermod
            "-b", "-c", "-d", "-e", "-f", "-g", "-G", "-k", "-K", "-p", "-s", "-u", "-Z", "-l",
            "--base-dir", "--comment", "--home-dir", "--home", "--expiredate", "--inactive", "--gid", "--groups",
            "--skel", "--key", "--password", "--shell", "--uid", "--login",
            // busybox adduser
            "-h",
            // Debian adduser/addgroup
            "--gecos", "--ingroup", "--firstuid", "--lastuid", "--firstgid", "--lastgid", "--conf",
            "--add-extra-groups");

    static Optional<UserCommand> of(Command c) {
        if (!PROGRAMS.contains(c.program())) return Optional.empty();
        List<Option> options = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (String a : c.args()) {
            if (COMBINED_FLAGS.matcher(a).matches()) {
                for (char ch : a.substring(1).toCharArray()) args.add("-" + ch);   // -aG → -a -G
            } else {
                args.add(a);
            }
        }
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--") && a.contains("=")) {
                options.add(new Option(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
            } else if (a.startsWith("-") && a.length() > 1) {
                boolean takesValue = VALUE_OPTIONS.contains(a) && i + 1 < args.size();
                options.add(new Option(a, takesValue ? args.get(++i) : null));
            } else {
                names.add(a);
            }
        }
        return Optional.of(new UserCommand(c, options, names));
    }

    String program() { return command.program(); }

    boolean createsUser() { return program().equals("useradd") || program().equals("adduser"); }

    boolean createsGroup() { return program().equals("groupadd") || program().equals("addgroup"); }

    /** The account this call creates, when it creates one (busybox {@code adduser USER GROUP} adds, not creates). */
    Optional<String> createdName() {
        if (names.isEmpty()) return Optional.empty();
        if (program().equals("adduser") && names.size() > 1 && options.isEmpty()) return Optional.empty();
        if (program().equals("addgroup") && names.size() > 1) return Optional.empty();
        return (createsUser() || createsGroup()) ? Optional.of(names.get(0)) : Optional.empty();
    }

    boolean has(String... optionNames) {
        return options.stream().anyMatch(o -> List.of(optionNames).contains(o.name()));
    }

    Optional<String> value(String... optionNames) {
        return options.stream().filter(o -> List.of(optionNames).contains(o.name()) && o.value() != null)
                .map(Option::value).findFirst();
    }

    /** Debian's adduser/addgroup speak long options (--disabled-password, --system); busybox's do not. */
    boolean debianStyle() {
        return options.stream().anyMatch(o -> o.name().startsWith("--"));
    }
}
