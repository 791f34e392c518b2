package dev.baseshift.advice;

import dev.baseshift.catalog.BaseTraits;

import java.util.Map;

/**
 * Moving from a base whose /bin/sh understands bash extensions (busybox ash on Alpine, bash on Fedora/RHEL) to
 * Debian or Ubuntu, whose /bin/sh is dash: RUN steps written for the old shell break or misbehave.
 */
final class BashismOnDashRule implements Rule {
    static final String ID = "bashism-on-dash";

    @Override
    public String id() { return ID; }

    @Override
    public void check(Review review) {
        BaseTraits t = review.traits();
        BaseTraits original = review.originalTraits().orElse(null);
        if (!t.shell() || review.targetManager().orElse(null) != PackageManager.APT || original == null
                || !original.shell() || PackageManager.ofTrait(original.packageManager()).orElse(null) == PackageManager.APT) {
            return;
        }
        for (Step step : review.steps()) {
            if (!step.keyword().equals("RUN")) continue;
            for (Step.Script s : step.scripts()) {
                if (!Step.baseName(s.interpreter()).equals("sh")) continue;
                Map<String, Integer> found = ShellDialect.DASH.unsupported(step, s);
                if (found.isEmpty()) continue;
                int line = found.values().stream().min(Integer::compare).orElse(step.line());
                review.report(step, ID, Severity.WARNING, line, "bash extensions (" + String.join(", ", found.keySet())
                                + ") under /bin/sh: on " + review.targetImage() + " that is dash, which lacks them",
                        "add SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before this step (bash is in every "
                                + "Debian and Ubuntu image), or write POSIX sh ([ ] for [[ ]], . for source)");
            }
        }
    }
}
