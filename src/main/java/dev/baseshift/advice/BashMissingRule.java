package dev.baseshift.advice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * bash on Alpine, which has none (its /bin/sh is busybox ash): a bash SHELL, bash called by name or by a heredoc's
 * shebang, and bash-only syntax that ash lacks. {@code [[ ]]}, {@code source} and {@code set -o pipefail} are not
 * flagged: Alpine's ash accepts them.
 */
final class BashMissingRule implements Rule {
    static final String ID = "bash-missing";
    private static final String INSTALL = "apk add --no-cache bash";

    @Override
    public String id() { return ID; }

    @Override
    public void check(Review review) {
        if (!review.busybox()) return;
        for (Step step : review.steps()) {
            boolean runtime = !step.keyword().equals("RUN") && !step.keyword().equals("SHELL");
            boolean hasBash = (runtime ? review.finalState() : step.before()).installed("bash");
            if (hasBash) continue;
            if (step.keyword().equals("SHELL") && step.instruction().execForm() != null
                    && !step.instruction().execForm().isEmpty() && Step.isBash(step.instruction().execForm().get(0))) {
                shell(review, step);
                continue;
            }
            for (Command c : step.commands()) {
                if (Step.isBash(c.program())) {
                    review.report(step, ID, Severity.ERROR, step.lineOf(c), review.targetImage()
                                    + " has no bash, so " + (runtime ? "the container fails to start" : "this step fails")
                                    + " with 'bash: not found'",
                            (runtime ? "add RUN " + INSTALL : "RUN " + INSTALL + " before this line")
                                    + ", or call sh instead of bash if the script is POSIX");
                }
            }
            for (Step.Script s : step.scripts()) {
                if (s.heredoc() != null && s.text().startsWith("#!") && Step.isBash(s.interpreter())) {
                    review.report(step, ID, Severity.ERROR, s.heredoc().startLine(), "the heredoc's #!" + s.interpreter()
                                    + " line asks for bash, which " + review.targetImage() + " does not have",
                            "RUN " + INSTALL + " before this line, or start the heredoc with #!/bin/sh if it is POSIX");
                } else if (!Step.isBash(s.interpreter()) && step.keyword().equals("RUN")) {
                    Map<String, Integer> found = ShellDialect.ASH.unsupported(step, s);
                    if (!found.isEmpty()) {
                        int line = found.values().stream().min(Integer::compare).orElse(step.line());
                        review.report(step, ID, Severity.WARNING, line, "bash-only syntax (" + String.join(", ", found.keySet())
                                        + ") under busybox ash on " + review.targetImage() + " fails or does something else",
                                "rewrite it in POSIX sh, or RUN " + INSTALL + " and run it with bash -c");
                    }
                }
            }
        }
    }

    private void shell(Review review, Step shellStep) {
        // what a switch to ash would have to rewrite: bash-only syntax in the RUNs that use this SHELL
        Set<Integer> lines = new TreeSet<>();
        List<String> kinds = new ArrayList<>();
        for (Step step : review.steps()) {
            if (!step.keyword().equals("RUN") || step.before().shellLine() != shellStep.line()) continue;
            for (Step.Script s : step.scripts()) {
                ShellDialect.ASH.unsupported(step, s).forEach((kind, line) -> {
                    lines.add(line);
                    if (!kinds.contains(kind)) kinds.add(kind);
                });
            }
        }
        String rewrite = lines.isEmpty() ? ""
                : " (then rewrite the bash-only syntax (" + String.join(", ", kinds) + ") at line"
                + (lines.size() > 1 ? "s " : " ") + String.join(", ", lines.stream().map(String::valueOf).toList()) + ")";
        review.report(shellStep, ID, Severity.ERROR, shellStep.line(), "SHELL uses bash, which "
                        + review.targetImage() + " does not have: every RUN after it fails with 'bash: not found'",
                "RUN " + INSTALL + " before the SHELL line, or use busybox ash: SHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]"
                        + rewrite);
    }
}
