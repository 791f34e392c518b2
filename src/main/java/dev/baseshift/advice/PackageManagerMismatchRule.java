package dev.baseshift.advice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** apt-get on Alpine, apk on Debian, yum on either, or any package manager where there is none (distroless, scratch). */
final class PackageManagerMismatchRule implements Rule {
    static final String ID = "package-manager-mismatch";

    @Override
    public String id() { return ID; }

    @Override
    public void check(Review review) {
        Optional<PackageManager> target = review.targetManager();
        for (Step step : review.steps()) {
            if (!step.keyword().equals("RUN")) continue;
            Map<PackageManager, List<PackageCommand>> byManager = new LinkedHashMap<>();
            for (Command c : step.commands()) {
                PackageCommand.of(c).ifPresent(p -> byManager.computeIfAbsent(p.manager(), k -> new ArrayList<>()).add(p));
            }
            byManager.forEach((manager, calls) -> {
                if (target.isEmpty()) {
                    noManager(review, step, calls);
                } else if (target.get() != manager) {
                    mismatch(review, step, calls, target.get());
                }
            });
        }
    }

    private void noManager(Review review, Step step, List<PackageCommand> calls) {
        Command first = calls.get(0).command();
        review.report(step, ID, Severity.ERROR, step.lineOf(first),
                first.program() + " cannot run: " + review.targetImage() + " has no package manager",
                "no package manager; install in a builder stage and COPY --from: move this RUN into a stage "
                        + "FROM " + review.baseStage().base() + " AS " + review.builderName()
                        + " and COPY --from=" + review.builderName() + " only the files the app needs");
    }

    private void mismatch(Review review, Step step, List<PackageCommand> calls, PackageManager to) {
        PackageManager from = calls.get(0).manager();
        Command first = calls.get(0).command();
        String targetProgram = review.traits().packageManager();
        PackageTable table = PackageTable.bundled();
        Set<String> install = new LinkedHashSet<>();
        Set<String> remove = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        List<String> notNeeded = new ArrayList<>();
        List<String> pins = new ArrayList<>();
        boolean localFiles = false;
        for (PackageCommand call : calls) {
            if (call.action() == PackageCommand.Action.INSTALL && call.packages().isEmpty()) localFiles = true;
            for (String name : call.packages().stream().flatMap(n -> step.expand(n).stream()).toList()) {
                if (!PackageTable.bare(name).equals(name)) pins.add(name);
                PackageTable.Mapping m = table.map(name, to);
                if (!m.known() && !name.contains("$")) unknown.add(PackageTable.bare(name));
                if (m.notNeeded()) notNeeded.add(PackageTable.bare(name));
                (call.action() == PackageCommand.Action.INSTALL ? install : remove).addAll(m.names());
            }
        }
        List<String> fix = new ArrayList<>();
        if (!install.isEmpty()) fix.add(to.installCommand(targetProgram, List.copyOf(install)));
        if (!remove.isEmpty()) fix.add(to.removeCommand(targetProgram, List.copyOf(remove)));
        StringBuilder text = new StringBuilder();
        if (fix.isEmpty()) {
            text.append(localFiles
                    ? "install the " + to.distribution() + " package instead of the local " + from.key() + " file, with "
                            + to.installCommand(targetProgram, List.of("<package>"))
                    : "drop the " + first.program() + " steps; on " + to.distribution() + " use "
                            + to.installCommand(targetProgram, List.of("<package>")) + " where a package is needed");
        } else {
            text.append("RUN ").append(String.join(" && ", fix));
        }
        if (!unknown.isEmpty()) {
            text.append(" (no known ").append(to.distribution()).append(" name for ")
                    .append(String.join(", ", unknown)).append(": kept as is, check the name)");
        }
        if (!notNeeded.isEmpty()) {
            text.append(" (not needed on ").append(to.distribution()).append(": ")
                    .append(String.join(", ", notNeeded)).append(")");
        }
        if (!pins.isEmpty()) {
            text.append(" (version pins dropped: ").append(String.join(", ", pins)).append(")");
        }
        review.report(step, ID, Severity.ERROR, step.lineOf(first),
                first.program() + " is " + from.distribution() + "'s package manager; " + review.targetImage()
                        + " uses " + targetProgram + ", so this step fails with '" + first.program() + ": not found'",
                text.toString());
    }
}
