package dev.baseshift.compare;

import dev.baseshift.plan.Plan;

import java.util.List;
import java.util.Optional;

/** An immutable comparison: the plan, one result per variant (plan order), the recommendation and the engine. */
public record ComparisonResult(Plan plan, List<VariantResult> variants, Recommendation recommendation,
                               EngineSummary engine) {
    public ComparisonResult {
        variants = List.copyOf(variants);
    }

    public Optional<VariantResult> original() {
        return variants.stream().filter(v -> v.variant().original()).findFirst();
    }
}
