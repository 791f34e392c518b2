package dev.baseshift.compare;

import dev.baseshift.plan.Plan;
import dev.baseshift.registry.BaseFacts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable comparison: the plan, one result per variant (plan order), the recommendation and the engine.
 *
 * @param baseFacts what is known of each variant's base without pulling it, by variant label (may be empty)
 * @param appDownloadBytes each built variant's own layers (above its base) gzip-compressed, as a push stores them,
 *                         by variant label, where measured
 */
public record ComparisonResult(Plan plan, List<VariantResult> variants, Recommendation recommendation,
                               EngineSummary engine, List<RepairOutcome> repairs, Map<String, BaseFacts> baseFacts,
                               Map<String, Long> appDownloadBytes) {
    public ComparisonResult {
        variants = List.copyOf(variants);
        repairs = repairs == null ? List.of() : List.copyOf(repairs);
        baseFacts = baseFacts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(baseFacts));
        appDownloadBytes = appDownloadBytes == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(appDownloadBytes));
    }

    public ComparisonResult(Plan plan, List<VariantResult> variants, Recommendation recommendation,
                            EngineSummary engine, List<RepairOutcome> repairs) {
        this(plan, variants, recommendation, engine, repairs, Map.of(), Map.of());
    }

    public ComparisonResult(Plan plan, List<VariantResult> variants, Recommendation recommendation,
                            EngineSummary engine) {
        this(plan, variants, recommendation, engine, List.of());
    }

    /** The same comparison with the bases' facts (from the registry or the engine) for the reports. */
    public ComparisonResult withBaseFacts(Map<String, BaseFacts> facts) {
        return new ComparisonResult(plan, variants, recommendation, engine, repairs, facts, appDownloadBytes);
    }

    /** The same comparison with more variants' own layers measured (a repair's), added to those measured. */
    public ComparisonResult withAppDownloads(Map<String, Long> bytes) {
        Map<String, Long> all = new LinkedHashMap<>(appDownloadBytes);
        all.putAll(bytes);
        return new ComparisonResult(plan, variants, recommendation, engine, repairs, baseFacts, all);
    }

    /**
     * What every deployment of the built variant downloads: its base as the registry stores it plus its own layers
     * compressed; empty when either is unknown.
     */
    public Optional<Long> pullBytes(VariantResult v) {
        if (!v.built()) return Optional.empty();
        Long own = appDownloadBytes.get(v.variant().label());
        Long base = baseFacts(v).map(BaseFacts::compressedBytes).orElse(null);
        return own == null || base == null ? Optional.empty() : Optional.of(base + own);
    }

    /** The facts of a variant's base; a repaired variant has its tier's base. */
    public Optional<BaseFacts> baseFacts(VariantResult v) {
        BaseFacts f = baseFacts.get(v.variant().label());
        if (f == null) f = baseFacts.get(v.tier().id());
        return Optional.ofNullable(f);
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
        return new ComparisonResult(plan, all, Recommender.recommend(all), engine, outcomes, baseFacts, appDownloadBytes);
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
