package dev.baseshift.diagnosis;

import java.util.List;

/**
 * A proposed fix for a variant: a complete Dockerfile, its unified diff against the plain variant, and why each
 * hunk is there. Nothing here is proven until it has been built and probed.
 *
 * @param dockerfile the patched Dockerfile text
 * @param diff       unified diff against the plain variant ("--- Dockerfile.slim" / "+++ Dockerfile.slim (repaired)")
 * @param hunks      one per change, in file order
 * @param unresolved diagnoses the patch could not address, each with a clear reason ("no Alpine package known for
 *                   libfoo-dev"); a patch may be empty of hunks and only say why
 */
public record RepairPatch(String dockerfile, String diff, List<Hunk> hunks, List<String> unresolved) {
    public RepairPatch {
        hunks = List.copyOf(hunks);
        unresolved = List.copyOf(unresolved);
    }

    public boolean changes() { return !hunks.isEmpty(); }

    /**
     * The hunks' reasons in one line: each once, cut to {@code chars} characters, at most {@code max} of them and
     * "…" for the rest ("adds python3-numpy: …; copies libyaml-0.so.2; …"); empty when there are none.
     */
    public String reasons(int max, int chars) {
        List<String> reasons = new java.util.ArrayList<>();
        for (Hunk h : hunks) {
            String r = h.reason().length() > chars ? h.reason().substring(0, chars - 1) + "…" : h.reason();
            if (!reasons.contains(r)) reasons.add(r);
        }
        if (reasons.size() > max) return String.join("; ", reasons.subList(0, max)) + "; …";
        return String.join("; ", reasons);
    }

    /**
     * @param line   1-based line in the plain variant where the change starts (0 = before the first line)
     * @param reason one line: why ("adds python3-numpy: the original has numpy from it")
     */
    public record Hunk(int line, String reason) {}
}
