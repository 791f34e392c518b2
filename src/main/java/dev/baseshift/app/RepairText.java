package dev.baseshift.app;

import dev.baseshift.compare.RepairOutcome;
import dev.baseshift.compare.Sizes;
import dev.baseshift.compare.VariantResult;
import dev.baseshift.diagnosis.Diagnosis;

import java.util.ArrayList;
import java.util.List;

/** A repair in words, the same on the command line and in the app: verdict, each diagnosis with its evidence. */
public final class RepairText {
    private RepairText() {}

    /** "missing-python-module numpy — the original has /usr/lib/python3/dist-packages/numpy from dpkg python3-numpy 1:1.24.2 (probe numpy)" */
    public static String diagnosis(Diagnosis d) {
        Diagnosis.Provider p = d.providedBy();
        return d.kind().id() + (d.missing() == null || d.missing().isEmpty() ? "" : " " + d.missing())
                + (p == null ? "" : " — the original has " + p.path()
                + (p.packageName() == null ? "" : " from " + p.manager() + " " + p.packageName()
                + (p.version() == null ? "" : " " + p.version())))
                + (d.line() > 0 ? " (line " + d.line() + ")" : d.probe() != null ? " (probe " + d.probe() + ")" : "");
    }

    /** The diagnoses, each followed by its evidence line, indented by {@code indent}. */
    public static List<String> diagnoses(RepairOutcome r, String indent) {
        List<String> out = new ArrayList<>();
        for (Diagnosis d : r.diagnoses()) {
            out.add(indent + diagnosis(d));
            if (d.evidence() != null && !d.evidence().isBlank()) out.add(indent + "    evidence: " + d.evidence());
        }
        return out;
    }

    /** "slim+fix: 301 MB, passes 4/4 — adds python3-numpy" for a proven repair, else "slim: " and its verdict. */
    public static String headline(RepairOutcome r) {
        return r.proven().map(v -> v.variant().label() + ": ").orElse(r.tier().id() + ": ") + summary(r);
    }

    /** "301 MB, passes 4/4 — adds python3-numpy" for a proven repair, else its verdict. */
    public static String summary(RepairOutcome r) {
        var proven = r.proven();
        if (proven.isEmpty()) return r.verdict();
        VariantResult v = proven.get();
        long ran = v.probes().stream().filter(p -> p.outcome() != dev.baseshift.compare.ProbeOutcome.SKIPPED).count();
        String reasons = r.patch() == null ? "" : r.patch().reasons(2, Integer.MAX_VALUE);
        return Sizes.format(v.sizeBytes()) + ", passes " + v.probesPassed() + "/" + ran
                + (reasons.isEmpty() ? "" : " — " + reasons);
    }
}
