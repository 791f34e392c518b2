package dev.baseshift.advice;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Package installs that may compile native code on musl: pip wheels on PyPI are mostly manylinux (glibc) builds,
 * node-gyp addons and Ruby native gems compile from source, and all of them need a compiler and headers there.
 */
final class NativeBuildsOnMuslRule implements Rule {
    static final String ID = "native-wheels-on-musl";
    private static final Set<String> PIP_VALUE_OPTIONS = Set.of("-r", "--requirement", "-c", "--constraint", "-e",
            "--editable", "-i", "--index-url", "--extra-index-url", "-t", "--target", "--prefix", "--root", "-f",
            "--find-links", "--trusted-host", "--upgrade-strategy", "--platform", "--python-version",
            "--only-binary", "--no-binary", "--cache-dir", "--src", "--progress-bar");

    private static final Pattern PIP = Pattern.compile("pip[0-9.]*");
    private static final Pattern PYTHON = Pattern.compile("python[0-9.]*");
    private static final Pattern NAME_END = Pattern.compile("[\\[=<>~!;@ ]");

    /** An install seen on the command line: which ecosystem, the libraries named, whether a file lists more. */
    private record Install(String ecosystem, String tool, List<String> names, boolean fromFile) {}

    @Override
    public String id() { return ID; }

    @Override
    public void check(Review review) {
        if (!"musl".equals(review.libc())) return;
        NativePackages natives = NativePackages.bundled();
        for (Step step : review.steps()) {
            if (!step.keyword().equals("RUN")) continue;
            for (Command c : step.commands()) {
                install(c).ifPresent(i -> judge(review, step, c, i, natives));
            }
        }
    }

    private void judge(Review review, Step step, Command c, Install install, NativePackages natives) {
        String eco = install.ecosystem();
        StageState state = step.before();
        List<String> tools = natives.buildTools(eco);
        Set<String> need = new LinkedHashSet<>();
        List<String> nativeNames = new ArrayList<>();
        boolean unknown = install.fromFile();
        for (String name : install.names()) {
            List<String> deps = natives.buildNeeds(eco, name);
            if (deps != null) {
                nativeNames.add(name);
                need.addAll(deps);
            } else if (!natives.pure(eco, name)) {
                unknown = true;
            }
        }
        if (nativeNames.isEmpty() && !unknown) return;
        if (nativeNames.isEmpty()) need.addAll(tools);
        need.removeIf(state::installed);
        if (need.isEmpty()) return;
        String why = switch (eco) {
            case "python" -> "manylinux wheels are built for glibc, so "
                    + (nativeNames.isEmpty() ? "any requirement with native code" : String.join(", ", nativeNames))
                    + (nativeNames.size() > 1 ? " compile" : " compiles") + " from source unless a musllinux wheel exists"
                    + ", which needs a compiler and headers";
            case "node" -> "native addons" + (nativeNames.isEmpty() ? "" : " (" + String.join(", ", nativeNames) + ")")
                    + " are built by node-gyp, which needs python3, make and g++";
            default -> "native gems" + (nativeNames.isEmpty() ? "" : " (" + String.join(", ", nativeNames) + ")")
                    + " compile from source and need a compiler and headers";
        };
        review.report(step, ID, Severity.WARNING, step.lineOf(c), install.tool() + " on musl ("
                        + review.targetImage() + "): " + why,
                "RUN apk add --no-cache " + String.join(" ", need) + " before this line (or add them with --virtual "
                        + ".build-deps and apk del .build-deps after the install), or keep a glibc tier (slim)");
    }

    private static Optional<Install> install(Command c) {
        String p = c.program();
        List<String> args = c.args();
        String sub = c.subcommand();
        if (PIP.matcher(p).matches() && sub.equals("install")) return Optional.of(pip(p + " install", after(args, "install")));
        if (PYTHON.matcher(p).matches() && args.size() > 2 && args.get(0).equals("-m") && args.get(1).startsWith("pip")
                && args.get(2).equals("install")) {
            return Optional.of(pip("pip install", args.subList(3, args.size())));
        }
        if (p.equals("uv") && args.size() > 1 && args.get(0).equals("pip") && args.get(1).equals("install")) {
            return Optional.of(pip("uv pip install", args.subList(2, args.size())));
        }
        if ((p.equals("poetry") || p.equals("pdm")) && sub.equals("install")
                || p.equals("pipenv") && (sub.equals("install") || sub.equals("sync")) || p.equals("uv") && sub.equals("sync")) {
            return Optional.of(new Install("python", p + " " + sub, List.of(), true));
        }
        if (p.equals("npm") && List.of("ci", "install", "i", "add", "rebuild").contains(sub)
                || p.equals("pnpm") && List.of("install", "i", "add").contains(sub)
                || p.equals("yarn") && (sub.isEmpty() || sub.equals("install") || sub.equals("add"))) {
            List<String> names = named(after(args, sub), Set.of());
            return Optional.of(new Install("node", p + (sub.isEmpty() ? "" : " " + sub), names,
                    names.isEmpty() || !List.of("add", "i", "install", "rebuild").contains(sub)));
        }
        if (p.equals("gem") && sub.equals("install")) {
            return Optional.of(new Install("ruby", "gem install", named(after(args, "install"), Set.of("-v", "--version")), false));
        }
        if (p.equals("bundle") && (sub.isEmpty() || sub.equals("install"))) {
            return Optional.of(new Install("ruby", "bundle install", List.of(), true));
        }
        return Optional.empty();
    }

    private static Install pip(String tool, List<String> args) {
        boolean fromFile = args.stream().anyMatch(a -> a.equals("-r") || a.startsWith("--requirement")
                || a.equals("-e") || a.equals(".") || a.startsWith("-r"));
        return new Install("python", tool, named(args, PIP_VALUE_OPTIONS), fromFile);
    }

    private static List<String> after(List<String> args, String word) {
        int i = args.indexOf(word);
        return i < 0 ? args : args.subList(i + 1, args.size());
    }

    /** Library names among install arguments: options and their values skipped, versions and extras cut off. */
    private static List<String> named(List<String> args, Set<String> valueOptions) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-")) {
                if (valueOptions.contains(a)) i++;
                continue;
            }
            if (a.startsWith(".") || a.startsWith("/") || a.contains("://") || a.contains("$")) continue;
            String name = NAME_END.split(a, 2)[0];
            if (name.startsWith("@") || a.startsWith("@")) name = a.replaceFirst("(@[^/]+/[^@]+).*", "$1");
            if (!name.isEmpty()) names.add(name.toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return names;
    }
}
