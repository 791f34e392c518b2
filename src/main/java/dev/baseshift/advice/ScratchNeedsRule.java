package dev.baseshift.advice;

import dev.baseshift.catalog.BaseTraits;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an empty base (scratch, distroless/static) lacks and the app may need: a C library and interpreters (only a
 * static binary runs), CA certificates, time zone data, and /etc/passwd for user names.
 */
final class ScratchNeedsRule implements Rule {
    static final String ID = "scratch-needs";
    private static final Set<String> INTERPRETERS = Set.of("node", "nodejs", "java", "ruby", "php", "perl", "sh",
            "bash", "npm", "npx", "yarn", "uvicorn", "gunicorn", "dotnet", "deno", "bun", "bundle", "rails");

    @Override
    public String id() { return ID; }

    @Override
    public void check(Review review) {
        BaseTraits t = review.traits();
        if (t.shell()) return;
        StageState end = review.finalState();
        String builder = review.builderName();
        int fromLine = review.baseStage().line();
        if (review.libc() == null) staticBinary(review);
        if (!t.caCertificates() && !end.copied("ca-certificates") && !end.copied("/etc/ssl")) {
            review.report(null, ID, Severity.WARNING, fromLine, review.targetImage() + " has no CA certificates: "
                            + "HTTPS calls fail with 'x509: certificate signed by unknown authority'",
                    "COPY --from=" + builder + " /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/");
        }
        if (!t.tzdata() && !end.copied("zoneinfo")) {
            boolean tzUsed = end.env().containsKey("TZ") || review.steps().stream()
                    .anyMatch(s -> s.instruction().arguments().contains("zoneinfo"));
            review.report(null, ID, tzUsed ? Severity.WARNING : Severity.INFO, fromLine, review.targetImage()
                            + " has no time zone data" + (tzUsed ? ", and this Dockerfile sets a time zone (TZ)" : "")
                            + ": loading a zone other than UTC fails",
                    "COPY --from=" + builder + " /usr/share/zoneinfo /usr/share/zoneinfo (Go can also embed it: "
                            + "import _ \"time/tzdata\")");
        }
        if (t.users().isEmpty()) {
            for (Step step : review.steps()) {
                if (!step.keyword().equals("USER")) continue;
                String user = UserMissingRule.userName(step);
                if (user == null || step.before().copied("/etc/passwd")) continue;
                review.report(step, ID, Severity.ERROR, step.line(), review.targetImage() + " has no /etc/passwd, so "
                                + "USER " + user + " cannot be resolved: the container fails to start",
                        "use a numeric id (USER 65532:65532), or COPY --from=" + builder + " /etc/passwd /etc/passwd");
            }
        }
    }

    private void staticBinary(Review review) {
        // ENTRYPOINT [] hands the start over to CMD
        Optional<Step> entry = review.effective("ENTRYPOINT").filter(s -> !s.commands().isEmpty())
                .or(() -> review.effective("CMD"));
        if (entry.isEmpty() || entry.get().commands().isEmpty()) return;
        Step step = entry.get();
        String program = step.commands().get(0).words().get(0);
        String name = Step.baseName(program);
        if (name.startsWith("python") || INTERPRETERS.contains(name)) {
            if (review.finalState().copied(name)) return;
            review.report(step, ID, Severity.ERROR, step.line(), name + " is not in " + review.targetImage()
                            + " (no interpreter, no C library): only a static binary can run there",
                    "keep a tier that ships the runtime (distroless for " + name + "), or ship a static binary");
            return;
        }
        List<CopySource> sources = review.steps().stream().map(s -> CopySource.of(review, s)).flatMap(Optional::stream)
                .filter(c -> c.sources().stream().anyMatch(p -> Step.baseName(p).equals(name)))
                .toList();
        boolean known = sources.stream().anyMatch(c -> c.staticEvident(review) || c.go() && c.musl());
        boolean reportedElsewhere = sources.stream().anyMatch(c -> c.go() || c.rust());
        if (known || reportedElsewhere) return;
        review.report(step, ID, Severity.WARNING, step.line(), review.targetImage() + " has no C library or loader: "
                        + program + " runs only if it is statically linked",
                "make sure it is static (Go: CGO_ENABLED=0; Rust: --target x86_64-unknown-linux-musl; C: -static); "
                        + "'file " + name + "' should say 'statically linked'");
    }
}
