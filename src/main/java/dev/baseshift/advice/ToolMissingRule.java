package dev.baseshift.advice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baseshift.catalog.Tier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moving off a full tier (buildpack-deps: curl, git, gcc, make…) to slim or alpine: programs the Dockerfile calls that
 * the slimmer base does not have, and Python/Ruby packages that always compile from source and now lack a compiler.
 */
final class ToolMissingRule implements Rule {
    static final String ID = "tool-missing";
    private static final Tools TOOLS = Tools.load("tools.json");

    private record Tools(Map<String, String> packages, Set<String> busybox, Map<String, Set<String>> sourceOnly) {
        static Tools load(String resource) {
            JsonNode root = AdviceData.read(resource);
            Map<String, String> packages = new HashMap<>();
            root.path("tools").fields().forEachRemaining(e -> packages.put(e.getKey(), e.getValue().asText()));
            Set<String> busybox = new HashSet<>();
            root.path("busybox").forEach(n -> busybox.add(n.asText()));
            Map<String, Set<String>> sourceOnly = new HashMap<>();
            root.path("sourceOnly").fields().forEachRemaining(e -> {
                Set<String> names = new HashSet<>();
                e.getValue().forEach(n -> names.add(n.asText()));
                sourceOnly.put(e.getKey(), names);
            });
            return new Tools(packages, busybox, sourceOnly);
        }
    }

    @Override
    public String id() { return ID; }

    @Override
    public void check(Review review) {
        Optional<PackageManager> manager = review.targetManager();
        if (review.from() == null || review.from().tier() != Tier.FULL || review.target().tier() == Tier.FULL
                || !review.traits().shell() || manager.isEmpty()) {
            return;
        }
        for (Step step : review.steps()) {
            boolean runtime = !step.keyword().equals("RUN");
            StageState state = runtime ? review.finalState() : step.before();
            Set<String> reported = new HashSet<>();
            Set<String> installedHere = new HashSet<>();
            for (Command c : step.commands()) {
                PackageCommand.of(c).filter(p -> p.action() == PackageCommand.Action.INSTALL).ifPresent(p ->
                        p.packages().forEach(n -> installedHere.addAll(PackageTable.bundled().equivalents(n))));
                String tool = c.program();
                String pkg = TOOLS.packages().get(tool);
                if (pkg == null || !reported.add(tool) || state.installed(pkg) || state.installed(tool)
                        || installedHere.contains(pkg) || installedHere.contains(tool)
                        || review.busybox() && TOOLS.busybox().contains(tool)) {
                    continue;
                }
                String install = install(review, manager.get(), List.of(pkg));
                review.report(step, ID, Severity.WARNING, step.lineOf(c), tool + " is not in " + review.targetImage()
                                + " (the full image had it), so " + (runtime ? "this command" : "this step")
                                + " fails with '" + tool + ": not found'",
                        (runtime ? "add RUN " : "RUN ") + install + (runtime ? "" : " before this line")
                                + (tool.equals("curl") && runtime ? ", or check health with the app's own runtime" : ""));
            }
            if (!runtime && !review.busybox()) sourceBuilds(review, step, manager.get());
        }
    }

    /** pip/gem installs of packages that have no binary wheel or gem at all: they need a compiler on slim too. */
    private void sourceBuilds(Review review, Step step, PackageManager manager) {
        StageState state = step.before();
        NativePackages natives = NativePackages.bundled();
        for (Command c : step.commands()) {
            String eco = c.program().startsWith("pip") || c.program().startsWith("python") ? "python"
                    : c.program().equals("gem") ? "ruby" : null;
            if (eco == null || !c.words().contains("install")) continue;
            List<String> names = new ArrayList<>();
            Set<String> needs = new LinkedHashSet<>();
            for (String w : c.args()) {
                String name = w.toLowerCase(java.util.Locale.ROOT).split("[=<>~!\\[;@ ]", 2)[0];
                if (!TOOLS.sourceOnly().getOrDefault(eco, Set.of()).contains(name)) continue;
                names.add(name);
                List<String> apk = natives.buildNeeds(eco, name);
                if (apk != null) {
                    for (String p : apk) needs.addAll(PackageTable.bundled().map(p, manager).names());
                }
            }
            needs.removeIf(state::installed);
            if (names.isEmpty() || needs.isEmpty()) continue;
            review.report(step, ID, Severity.WARNING, step.lineOf(c), String.join(", ", names)
                            + " always compile" + (names.size() == 1 ? "s" : "") + " from source, and "
                            + review.targetImage() + " has no compiler or headers (the full image had them)",
                    "RUN " + install(review, manager, List.copyOf(needs)) + " before this line");
        }
    }

    private static String install(Review review, PackageManager manager, List<String> debianNames) {
        Set<String> names = new LinkedHashSet<>();
        for (String n : debianNames) names.addAll(PackageTable.bundled().map(n, manager).names());
        return manager.installCommand(review.traits().packageManager(), List.copyOf(names));
    }
}
