package dev.baseshift.compare;

import dev.baseshift.plan.Plan;

import java.util.List;
import java.util.Optional;

/** An immutable comparison: the plan, one result per variant (plan order), the recommendation and the engine. */
public record ComparisonResult(Plan plan, List<VariantResult> variants, Recommendation recommendation,
                               EngineSummary engine, List<RepairOutcome> repairs) {
    public ComparisonResult {
        variants = List.copyOf(variants);
        repairs = repairs == null ? List.of() : List.copyOf(repairs);
    }

    public ComparisonResult(Plan plan, List<VariantResult> variants, Recommendation recommendation,
                            EngineSummary engine) {
        this(plan, variants, recommendation, engine, List.of());
    }

    /**
     * The comparison with the repairs added: each tier's last repaired variant right after its plain one, and the
     * recommendation chosen again over all (a repaired variant counts only when it passed every probe).
     */
    public ComparisonResult withRepairs(List<RepairOutcome> outcomes) {
        List<VariantResult> all = new java.util.ArrayList<>();
        for (VariantResult v : variants) {
            if (v.variant().repaired()) continue;
            all.add(v);
            for (RepairOutcome o : outcomes) {
                if (o.tier() == v.tier() && !v.original()) {
                    o.proven().or(o::last).ifPresent(all::add);
                }
            }
        }
        return new ComparisonResult(plan, all, Recommender.recommend(all), engine, outcomes);
    }

    /** The repair of a tier, if one was tried. */
    public Optional<RepairOutcome> repair(dev.baseshift.catalog.Tier tier) {
        return repairs.stream().filter(r -> r.tier() == tier).findFirst();
    }

    /** How a variant's error begins when the engine went away under it (the run did not complete). */
    public static final String ENGINE_LOST = "the container engine stopped answering";

    /** The variants the engine's going away cost: they did not finish, for no fault of theirs. */
    public List<VariantResult> lostToEngine() {
        return variants.stream().filter(v -> v.error() != null && v.error().startsWith(ENGINE_LOST)).toList();
    }

    public Optional<VariantResult> original() {
        return variants.stream().filter(v -> v.variant().original()).findFirst();
    }
}
