package dev.baseshift.advice;

import dev.baseshift.dockerfile.Directive;
import dev.baseshift.dockerfile.Flag;
import dev.baseshift.dockerfile.Instruction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Syntax only BuildKit understands (heredocs, RUN --mount, COPY --link/--chmod, …). It concerns every variant, the
 * original included, because the engine API's classic builder rejects the whole file.
 */
final class BuildKitOnlySyntaxRule implements Rule {
    static final String ID = "buildkit-only-syntax";
    private static final Set<String> RUN_FLAGS = Set.of("mount", "network", "security");
    private static final Set<String> COPY_FLAGS = Set.of("link", "chmod", "exclude", "parents", "checksum",
            "keep-git-dir");

    @Override
    public String id() { return ID; }

    @Override
    public boolean needsTraits() { return false; }

    @Override
    public void check(Review review) {
        Map<String, List<Integer>> uses = new LinkedHashMap<>();
        for (Directive d : review.dockerfile().directives()) {
            if (d.name().equals("syntax")) uses.computeIfAbsent("# syntax= directive", k -> new ArrayList<>()).add(d.line());
        }
        for (Instruction ins : review.dockerfile().instructions()) {
            String kw = ins.keyword();
            if (!ins.heredocs().isEmpty()) uses.computeIfAbsent("heredoc", k -> new ArrayList<>()).add(ins.startLine());
            Set<String> flags = kw.equals("RUN") ? RUN_FLAGS
                    : kw.equals("COPY") || kw.equals("ADD") ? COPY_FLAGS : Set.of();
            for (Flag f : ins.flags()) {
                String name = f.name().toLowerCase(Locale.ROOT);
                if (flags.contains(name)) {
                    List<Integer> lines = uses.computeIfAbsent(kw + " --" + name, k -> new ArrayList<>());
                    if (!lines.contains(ins.startLine())) lines.add(ins.startLine());
                }
            }
        }
        if (uses.isEmpty()) return;
        int first = uses.values().stream().flatMap(List::stream).min(Integer::compare).orElse(0);
        List<String> parts = new ArrayList<>();
        uses.forEach((what, lines) -> parts.add(what + " (line" + (lines.size() > 1 ? "s " : " ")
                + String.join(", ", lines.stream().map(String::valueOf).toList()) + ")"));
        review.report(null, ID, Severity.INFO, first, "BuildKit-only syntax: " + String.join(", ", parts)
                        + "; the engine API's classic builder can't build this",
                "BaseShift builds it through the docker CLI's BuildKit path; by hand use DOCKER_BUILDKIT=1 docker build"
                        + " or docker buildx build");
    }
}
