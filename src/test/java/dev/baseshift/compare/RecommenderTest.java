package dev.baseshift.compare;

import dev.baseshift.catalog.Tier;
import dev.baseshift.plan.Variant;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecommenderTest {

    static Variant variant(Tier tier, boolean original) {
        return new Variant(tier, "img:" + tier.id(), "FROM img:" + tier.id() + "\n", List.of(), original, false);
    }

    static ProbeResult probe(String name, ProbeOutcome outcome) {
        return new ProbeResult(name, "python3 -c 'import " + name + "'", outcome,
                outcome == ProbeOutcome.PASS ? 0 : 1, 0.4, "");
    }

    static VariantResult built(Tier tier, boolean original, long size, ProbeResult... probes) {
        return new VariantResult(variant(tier, original), VariantStatus.BUILT, "sha256:" + tier.id(),
                "baseshift/app:" + tier.id(), size, size / 2, size - size / 2, 1.5, null, List.of(), List.of(probes));
    }

    static VariantResult failed(Tier tier) {
        return new VariantResult(variant(tier, false), VariantStatus.BUILD_FAILED, null, null, 0, 0, 0, 0.3,
                "exec: \"/bin/sh\": not found", List.of(), List.of());
    }

    @Test
    void recommendsTheSmallestVariantThatPassesEveryProbeAndSaysWhatItSaves() {
        List<VariantResult> results = List.of(
                built(Tier.FULL, true, 1_100_000_000L, probe("numpy", ProbeOutcome.PASS), probe("app", ProbeOutcome.PASS)),
                built(Tier.SLIM, false, 150_000_000L, probe("numpy", ProbeOutcome.FAIL), probe("app", ProbeOutcome.PASS)),
                built(Tier.DISTROLESS, false, 287_700_000L, probe("numpy", ProbeOutcome.PASS), probe("app", ProbeOutcome.PASS)),
                failed(Tier.SCRATCH));

        Recommendation r = Recommender.recommend(results);

        assertThat(r.tier()).isEqualTo(Tier.DISTROLESS);
        assertThat(r.reason()).isEqualTo("distroless saves 812MB (74%) vs full and passes 2/2 probes");
    }

    @Test
    void aTimedOutOrErroredProbeDisqualifiesButASkippedOneDoesNot() {
        List<VariantResult> results = List.of(
                built(Tier.FULL, true, 900_000_000L, probe("a", ProbeOutcome.PASS), probe("b", ProbeOutcome.SKIPPED)),
                built(Tier.SLIM, false, 100_000_000L, probe("a", ProbeOutcome.ERROR), probe("b", ProbeOutcome.SKIPPED)));

        Recommendation r = Recommender.recommend(results);

        assertThat(r.tier()).isEqualTo(Tier.FULL);
        assertThat(r.reason()).isEqualTo("full (the original) is already the smallest variant that passes 1/1 probe");
    }

    @Test
    void noneWhenNothingPassesAndEveryVariantSaysWhy() {
        List<VariantResult> results = List.of(
                built(Tier.FULL, true, 900_000_000L, probe("numpy", ProbeOutcome.FAIL), probe("app", ProbeOutcome.ERROR)),
                built(Tier.SLIM, false, 100_000_000L, probe("numpy", ProbeOutcome.FAIL), probe("app", ProbeOutcome.PASS)),
                failed(Tier.SCRATCH),
                new VariantResult(variant(Tier.ALPINE, false), VariantStatus.CANCELLED, null, null, 0, 0, 0, 0,
                        "cancelled", List.of(), List.of()));

        Recommendation r = Recommender.recommend(results);

        assertThat(r.present()).isFalse();
        assertThat(r.reason()).isEqualTo("no variant passes every probe: full fails numpy, app (error); "
                + "slim fails numpy; scratch did not build (exec: \"/bin/sh\": not found); alpine was cancelled");
    }

    @Test
    void noneBuilt() {
        Recommendation r = Recommender.recommend(List.of(failed(Tier.FULL), failed(Tier.SLIM)));
        assertThat(r.tier()).isNull();
        // one cause, said once
        assertThat(r.reason()).isEqualTo("no variant was built: full and slim did not build "
                + "(exec: \"/bin/sh\": not found)");
    }

    @Test
    void withoutProbesTheSmallestBuiltVariantWinsAndTheReasonSaysNoProbesRan() {
        Recommendation r = Recommender.recommend(List.of(built(Tier.FULL, true, 50_000_000L),
                built(Tier.ALPINE, false, 5_600_000L)));
        assertThat(r.tier()).isEqualTo(Tier.ALPINE);
        assertThat(r.reason()).isEqualTo("alpine saves 44.4MB (89%) vs full and builds (no probes were run)");
    }

    @Test
    void smallSavingsKeepADecimal() {
        assertThat(Sizes.percent(42, 1000)).isEqualTo("4.2%");
        assertThat(Sizes.percent(740, 1000)).isEqualTo("74%");
    }
}
