package dev.baseshift.advice;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Anything that needs /bin/sh on a base without a shell (distroless, scratch): shell-form RUN/CMD/ENTRYPOINT,
 * heredoc RUN, SHELL, shell-form HEALTHCHECK, and exec forms that call a shell by name.
 */
final class ShellFormWithoutShellRule implements Rule {
    static final String ID = "shell-form-without-shell";
    private static final Set<String> NOT_IN_DISTROLESS = Set.of("curl", "wget", "nc", "bash", "sh");

    @Override
    public String id() { return ID; }

    @Override
    public void check(Review review) {
        if (review.traits().shell()) return;
        String builder = "do this step in a builder stage (FROM " + review.baseStage().base() + " AS "
                + review.builderName() + ") and COPY --from=" + review.builderName() + " the result";
        for (Step step : review.steps()) {
            switch (step.keyword()) {
                case "RUN" -> run(review, step, builder);
                case "SHELL" -> review.report(step, ID, Severity.ERROR, step.line(),
                        "SHELL names a shell " + review.targetImage() + " does not have: the shell-form steps "
                                + "after it fail",
                        "remove SHELL and write the RUN steps in exec form, or " + builder);
                default -> { }
            }
        }
        Optional<Step> entrypoint = review.effective("ENTRYPOINT");
        entrypoint.ifPresent(s -> startCommand(review, s, false));
        review.effective("CMD").ifPresent(s -> startCommand(review, s,
                entrypoint.map(e -> e.instruction().isExecForm() && !e.instruction().execForm().isEmpty()).orElse(false)));
        review.effective("HEALTHCHECK").ifPresent(s -> healthcheck(review, s));
    }

    private void run(Review review, Step step, String builder) {
        if (step.isShellForm()) {
            boolean heredoc = !step.instruction().heredocs().isEmpty();
            review.report(step, ID, Severity.ERROR, step.line(), (heredoc ? "heredoc RUN" : "shell-form RUN")
                            + " needs /bin/sh, which " + review.targetImage()
                            + " does not have: the step fails with '/bin/sh: no such file or directory'",
                    "use exec form with a binary the image has (RUN [\"/path/to/binary\", \"arg\"]), or " + builder);
            return;
        }
        List<String> exec = step.instruction().execForm();
        if (exec.isEmpty()) return;
        if (Step.isShell(exec.get(0))) {
            review.report(step, ID, Severity.ERROR, step.line(), exec.get(0) + " is not in " + review.targetImage()
                    + ": it has no shell", builder);
        } else if (review.scratch() && !step.before().copied(Step.baseName(exec.get(0)))) {
            review.report(step, ID, Severity.INFO, step.line(), "scratch is empty: " + exec.get(0)
                            + " exists only if an earlier COPY put it there",
                    "COPY --from=" + review.builderName() + " the binary (statically linked) before this step");
        }
    }

    private void startCommand(Review review, Step step, boolean entrypointExec) {
        String kw = step.keyword();
        if (step.isShellForm()) {
            if (entrypointExec) {
                review.report(step, ID, Severity.WARNING, step.line(), "shell-form CMD reaches the ENTRYPOINT as "
                                + "'/bin/sh -c …' arguments, and " + review.targetImage() + " has no /bin/sh",
                        "write CMD in exec form: CMD " + execForm(step.instruction().arguments()));
            } else {
                review.report(step, ID, Severity.ERROR, step.line(), "shell-form " + kw + " runs '/bin/sh -c …', and "
                                + review.targetImage() + " has no /bin/sh: the container fails to start",
                        "write it in exec form: " + kw + " " + execForm(step.instruction().arguments()));
            }
        } else if (!step.instruction().execForm().isEmpty() && Step.isShell(step.instruction().execForm().get(0))) {
            review.report(step, ID, Severity.ERROR, step.line(), step.instruction().execForm().get(0) + " is not in "
                            + review.targetImage() + ": the container fails to start",
                    "call the program directly: " + kw + " [\"/path/to/program\", \"arg\"]");
        }
    }

    private void healthcheck(Review review, Step step) {
        HealthCheck hc = HealthCheck.of(step.instruction());
        if (hc == null) return;
        if (hc.exec() == null) {
            review.report(step, ID, Severity.ERROR, step.line(), "HEALTHCHECK CMD in shell form runs /bin/sh, which "
                            + review.targetImage() + " does not have: the container is reported unhealthy",
                    "use exec form with a binary the image has: HEALTHCHECK CMD " + execForm(hc.shellText()));
        } else if (!hc.exec().isEmpty()) {
            String program = Step.baseName(hc.exec().get(0));
            if (NOT_IN_DISTROLESS.contains(program) && !review.finalState().copied(program)) {
                review.report(step, ID, program.endsWith("sh") ? Severity.ERROR : Severity.WARNING, step.line(),
                        program + " is not in " + review.targetImage() + ": the health check always fails",
                        "check health with the app's own binary (HEALTHCHECK CMD [\"/app/healthcheck\"]) or COPY a "
                                + "static " + program + " in");
            }
        }
    }

    /** The JSON exec form of a simple shell command, for the fix text. */
    private static String execForm(String shellText) {
        List<Command> commands = ShellScript.parse(shellText);
        if (commands.size() != 1) return "[\"/path/to/program\", \"arg\"]";
        StringBuilder out = new StringBuilder("[");
        for (String w : commands.get(0).words()) {
            if (out.length() > 1) out.append(", ");
            out.append('"').append(w.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append(']').toString();
    }
}
