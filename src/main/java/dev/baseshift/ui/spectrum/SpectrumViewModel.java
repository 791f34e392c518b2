package dev.baseshift.ui.spectrum;

import dev.baseshift.advice.Finding;
import dev.baseshift.app.BaseFactsText;
import dev.baseshift.registry.BaseFacts;
import dev.baseshift.catalog.Tier;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.Variant;
import dev.baseshift.ui.common.CodeLine;
import dev.baseshift.ui.common.LineDiff;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The base slider: the tiers this family really has, the chosen variant's base, its diff against the original and
 * its findings — all from the plan, so a slider move needs no build. Also which tiers to compare.
 */
public final class SpectrumViewModel {
    private final BiConsumer<Tier, String> customBaseSink;

    private final ObservableList<Tier> tiers = FXCollections.observableArrayList();
    private final ObservableList<Tier> tiersReadOnly = FXCollections.unmodifiableObservableList(tiers);
    private final ReadOnlyObjectWrapper<Tier> originalTier = new ReadOnlyObjectWrapper<>(this, "originalTier");
    private final ReadOnlyObjectWrapper<Tier> selectedTier = new ReadOnlyObjectWrapper<>(this, "selectedTier");
    private final ReadOnlyObjectWrapper<Variant> selectedVariant = new ReadOnlyObjectWrapper<>(this, "selectedVariant");
    private final ReadOnlyStringWrapper baseReference = new ReadOnlyStringWrapper(this, "baseReference", "");
    private final ReadOnlyStringWrapper changeSummary = new ReadOnlyStringWrapper(this, "changeSummary", "");
    private final ObservableList<CodeLine> diff = FXCollections.observableArrayList();
    private final ObservableList<CodeLine> diffReadOnly = FXCollections.unmodifiableObservableList(diff);
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<Finding> findingsReadOnly = FXCollections.unmodifiableObservableList(findings);
    private final Map<Tier, BooleanProperty> compared = new EnumMap<>(Tier.class);
    private final ReadOnlyStringWrapper findingsPlaceholder = new ReadOnlyStringWrapper(this, "findingsPlaceholder",
            NO_FINDINGS);
    private final javafx.collections.ObservableMap<Tier, TierFacts> tierFacts =
            FXCollections.observableMap(new EnumMap<>(Tier.class));
    private final javafx.collections.ObservableMap<Tier, TierFacts> tierFactsReadOnly =
            FXCollections.unmodifiableObservableMap(tierFacts);
    private final ReadOnlyStringWrapper selectedFacts = new ReadOnlyStringWrapper(this, "selectedFacts", "");
    private final ReadOnlyStringWrapper factsStatus = new ReadOnlyStringWrapper(this, "factsStatus", "");
    private final javafx.beans.property.StringProperty platform =
            new javafx.beans.property.SimpleStringProperty(this, "platform");
    private final ObservableList<String> platforms = FXCollections.observableArrayList(COMMON_PLATFORMS);
    private Map<Tier, String> configuredBases = Map.of();
    private final Set<Tier> uncheckedForFlag = EnumSet.noneOf(Tier.class);
    private Plan plan;

    /** The platforms offered besides the engine's own. */
    static final List<String> COMMON_PLATFORMS = List.of("linux/amd64", "linux/arm64", "linux/arm/v7");

    static final String NO_FINDINGS = "No findings: nothing predicted to break on this base.";

    /** @param customBaseSink plans again with a user-chosen image for a tier (the project view model does that) */
    public SpectrumViewModel(BiConsumer<Tier, String> customBaseSink) {
        this.customBaseSink = customBaseSink;
        for (Tier t : Tier.values()) compared.put(t, new SimpleBooleanProperty(this, "compare-" + t.id(), true));
    }

    public ObservableList<Tier> tiers() { return tiersReadOnly; }
    public ReadOnlyObjectProperty<Tier> originalTierProperty() { return originalTier.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Tier> selectedTierProperty() { return selectedTier.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Variant> selectedVariantProperty() { return selectedVariant.getReadOnlyProperty(); }
    public ReadOnlyStringProperty baseReferenceProperty() { return baseReference.getReadOnlyProperty(); }
    /** e.g. "only FROM on line 3 changes" */
    public ReadOnlyStringProperty changeSummaryProperty() { return changeSummary.getReadOnlyProperty(); }
    /** The variant's Dockerfile against the original, as rows styled {@code added}/{@code removed}. */
    public ObservableList<CodeLine> diff() { return diffReadOnly; }
    public ObservableList<Finding> findings() { return findingsReadOnly; }
    /** What the findings list says when it is empty: nothing predicted, or why nothing could be. */
    public ReadOnlyStringProperty findingsPlaceholderProperty() { return findingsPlaceholder.getReadOnlyProperty(); }

    /**
     * Why there is no plan (the Dockerfile could not be read), or null; an empty findings list must not then read
     * as "nothing will break".
     */
    public void setPlanProblem(String problem, int line) {
        if (problem == null || problem.isBlank()) {
            findingsPlaceholder.set(NO_FINDINGS);
        } else {
            findingsPlaceholder.set("The Dockerfile could not be read, so nothing can be predicted"
                    + (line > 0 ? " (see line " + line + ", marked in the project pane)" : "") + ":\n" + problem);
        }
    }

    /** Each tier's base facts for the slider (pull size, bar, flag); empty until a lookup started. */
    public javafx.collections.ObservableMap<Tier, TierFacts> tierFacts() {
        return tierFactsReadOnly;
    }

    /** The chosen variant's base facts in one line, or "" when none are known. */
    public ReadOnlyStringProperty selectedFactsProperty() { return selectedFacts.getReadOnlyProperty(); }

    /** "Pull sizes for linux/amd64", "Looking up base sizes for linux/amd64…", with a registry problem when one. */
    public ReadOnlyStringProperty factsStatusProperty() { return factsStatus.getReadOnlyProperty(); }

    /**
     * Whose sizes the slider shows and which platform is built (os/arch[/variant]); null until chosen, which means
     * the engine's own.
     */
    public javafx.beans.property.StringProperty platformProperty() { return platform; }

    /** The platforms to choose from: the engine's own first. */
    public ObservableList<String> platforms() { return platforms; }

    /** The engine's platform ("linux/amd64"): offered first, and what an unchosen platform means. */
    public void setEnginePlatform(String own) {
        List<String> all = new ArrayList<>();
        all.add(own);
        for (String p : COMMON_PLATFORMS) if (!p.equals(own)) all.add(p);
        if (!platforms.equals(all)) platforms.setAll(all);
    }

    /** The facts of {@code forPlan}'s bases are being looked up (a plan that is no longer shown is ignored). */
    public void setFactsLoading(Plan forPlan, String platform) {
        if (forPlan == null || forPlan != plan) return;
        tierFacts.clear();
        for (Tier t : tiers) tierFacts.put(t, TierFacts.LOOKING);
        factsStatus.set("Looking up base sizes for " + platform + "…");
        showFacts();
    }

    /** The facts of {@code forPlan}'s bases, by variant label, arrived. */
    public void setFacts(Plan forPlan, Map<String, BaseFacts> facts, String platform) {
        if (forPlan == null || forPlan != plan) return;
        long largest = 1;
        for (BaseFacts f : facts.values()) largest = Math.max(largest, weight(f));
        tierFacts.clear();
        for (Variant v : forPlan.variants()) {
            BaseFacts f = facts.get(v.label());
            if (f == null) continue;
            tierFacts.put(v.tier(), new TierFacts(BaseFactsText.tick(f), BaseFactsText.line(f, false),
                    (double) weight(f) / largest, f.flagged()));
            // a base that cannot be used as asked (no such tag, not for this platform) is not built by default;
            // one that was unchecked for that and is usable now (it fell back to a tag that exists) is again
            if (f.flagged() && !v.original() && compared.get(v.tier()).get()) {
                compared.get(v.tier()).set(false);
                uncheckedForFlag.add(v.tier());
            } else if (!f.flagged() && uncheckedForFlag.remove(v.tier())) {
                compared.get(v.tier()).set(true);
            }
        }
        List<String> problems = BaseFactsText.problems(facts.values());
        factsStatus.set("Base sizes for " + platform + " (↓ = download, compressed)"
                + (problems.isEmpty() ? "" : " · registry: " + String.join("; ", problems)));
        showFacts();
    }

    /** What the bar measures: the download where known, else the size on disk. */
    private static long weight(BaseFacts f) {
        if (f == null) return 0;
        if (f.compressedBytes() != null) return f.compressedBytes();
        return f.sizeBytes() != null ? f.sizeBytes() : 0;
    }

    private void showFacts() {
        Tier t = selectedTier.get();
        TierFacts f = t == null ? null : tierFacts.get(t);
        selectedFacts.set(f == null ? "" : "base: " + f.detail());
    }

    /** Whether {@code tier} takes part in the next comparison (the original always does). */
    public BooleanProperty comparedProperty(Tier tier) { return compared.get(tier); }

    /** The tiers to compare, original included, in spectrum order. */
    public Set<Tier> comparedTiers() {
        Set<Tier> out = EnumSet.noneOf(Tier.class);
        for (Tier t : tiers) if (t == originalTier.get() || compared.get(t).get()) out.add(t);
        return out;
    }

    /** The bases the project's .baseshift.json names per tier: the preview says where such a base comes from. */
    public void setConfiguredBases(Map<Tier, String> bases) {
        configuredBases = bases == null ? Map.of() : Map.copyOf(bases);
    }

    /** A new plan (project opened, Dockerfile chosen, custom base added); keeps the chosen tier where it still exists. */
    public void setPlan(Plan newPlan, Set<Tier> configuredTiers) {
        Tier keep = selectedTier.get();
        boolean sameProject = plan != null && newPlan != null && plan.projectDir().equals(newPlan.projectDir());
        boolean sameDockerfile = sameProject && plan.dockerfilePath().equals(newPlan.dockerfilePath());
        plan = newPlan;
        tierFacts.clear();
        factsStatus.set("");
        if (newPlan == null) {
            tiers.clear();
            originalTier.set(null);
            show(null);
            return;
        }
        // the original first: the view rebuilds ticks, "● yours" and the locked check box when the tiers change
        originalTier.set(newPlan.originalVariant().tier());
        tiers.setAll(newPlan.variants().stream().map(Variant::tier).toList());
        if (!sameProject) {
            uncheckedForFlag.clear();
            for (Tier t : Tier.values()) compared.get(t).set(configuredTiers == null || configuredTiers.contains(t));
        }
        // another project or Dockerfile starts on its own original, not on the previous one's position
        show(sameDockerfile && keep != null && tiers.contains(keep) ? keep : originalTier.get());
    }

    /** Moves the slider to {@code tier}; preview, diff and findings follow at once. */
    public void select(Tier tier) {
        if (plan == null || !tiers.contains(tier)) return;
        show(tier);
    }

    /** Slider position → tier. */
    public void selectIndex(int index) {
        if (index >= 0 && index < tiers.size()) select(tiers.get(index));
    }

    /** Adds or replaces the image of any tier ({@code TIER=IMAGE}); the project is planned again with it. */
    public void useCustomBase(Tier tier, String image) {
        if (tier == null || image == null || image.isBlank()) return;
        customBaseSink.accept(tier, image.trim());
        compared.get(tier).set(true);
    }

    private void show(Tier tier) {
        selectedTier.set(tier);
        Variant v = tier == null || plan == null ? null : plan.variant(tier).orElse(null);
        selectedVariant.set(v);
        showFacts();
        if (v == null) {
            baseReference.set("");
            changeSummary.set("");
            diff.clear();
            findings.clear();
            return;
        }
        Variant original = plan.originalVariant();
        baseReference.set(v.base() + (!v.custom() ? ""
                : v.base().equals(configuredBases.get(v.tier())) ? "  (from .baseshift.json)" : "  (your image)"));
        List<CodeLine> rows = LineDiff.codeLines(original.dockerfile(), v.dockerfile());
        int changedLine = rows.stream().filter(r -> r.styles().contains("added")).mapToInt(CodeLine::number)
                .findFirst().orElse(0);
        diff.setAll(rows);
        changeSummary.set(v.original() ? "your Dockerfile as it is"
                : "only the FROM on line " + changedLine + " changes");
        findings.setAll(v.findings());
    }
}
