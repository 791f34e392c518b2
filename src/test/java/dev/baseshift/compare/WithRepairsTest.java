package dev.baseshift.compare;

import dev.baseshift.catalog.Tier;
import dev.baseshift.diagnosis.Diagnosis;
import dev.baseshift.diagnosis.RepairPatch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baseshift.compare.RecommenderTest.built;
import static dev.baseshift.compare.RecommenderTest.probe;
import static org.assertj.core.api.Assertions.assertThat;

/** A comparison with its repairs: repaired variants beside their plain ones, and only a proven one recommended. */
class WithRepairsTest {
    private static final Diagnosis NUMPY = new Diagnosis(Diagnosis.Kind.MISSING_PYTHON_MODULE,
            "ModuleNotFoundError: No module named 'numpy'", "numpy", null, 0, "numpy");
    private static final RepairPatch PATCH = new RepairPatch("FROM img:slim\nRUN apt-get install python3-numpy\n",
            "--- a\n+++ b\n", List.of(new RepairPatch.Hunk(1, "adds python3-numpy")), List.of());

    private static VariantResult repaired(Tier tier, long size, ProbeOutcome outcome) {
        VariantResult plain = built(tier, false, size, probe("numpy", outcome));
        return new VariantResult(plain.variant().repairedWith("FROM img:slim\nRUN apt-get install python3-numpy\n"),
                plain.status(), plain.imageId(), "baseshift/app:" + tier.id() + "-repaired", size, plain.baseSizeBytes(),
                plain.appSizeBytes(), 1.0, null, List.of(), plain.probes());
    }

    private static ComparisonResult plain() {
        List<VariantResult> vs = List.of(
                built(Tier.FULL, true, 400_000_000L, probe("numpy", ProbeOutcome.PASS)),
                built(Tier.SLIM, false, 150_000_000L, probe("numpy", ProbeOutcome.FAIL)),
                built(Tier.DISTROLESS, false, 250_000_000L, probe("numpy", ProbeOutcome.PASS)));
        return new ComparisonResult(null, vs, Recommender.recommend(vs), null);
    }

    @Test
    void aProvenRepairSitsAfterItsPlainVariantAndWinsWhenItIsTheSmallestThatPasses() {
        ComparisonResult before = plain();
        assertThat(before.recommendation().label()).isEqualTo("distroless");
        RepairOutcome proven = new RepairOutcome(Tier.SLIM, List.of(NUMPY), PATCH, List.of(new RepairOutcome.Attempt(1,
                PATCH, repaired(Tier.SLIM, 200_000_000L, ProbeOutcome.PASS), List.of())), "proven in round 1");

        ComparisonResult after = before.withRepairs(List.of(proven));

        assertThat(after.variants()).extracting(VariantResult::label).containsExactly("full", "slim", "slim+fix",
                "distroless");
        assertThat(after.recommendation().label()).isEqualTo("slim+fix");
        assertThat(after.recommendation().repaired()).isTrue();
        assertThat(after.recommendation().reason()).startsWith("slim+fix saves 200MB (50%) vs full");
        assertThat(after.recommendation().isFor(after.variants().get(2))).isTrue();
        assertThat(after.recommendation().isFor(after.variants().get(1))).as("not the plain slim").isFalse();
        assertThat(after.repair(Tier.SLIM)).contains(proven);
        // applying the repairs again replaces, never duplicates, the repaired rows
        assertThat(after.withRepairs(List.of(proven)).variants()).hasSize(4);
    }

    @Test
    void aRepairThatStillFailsIsShownButNeverRecommended() {
        RepairOutcome failed = new RepairOutcome(Tier.SLIM, List.of(NUMPY), PATCH, List.of(new RepairOutcome.Attempt(1,
                PATCH, repaired(Tier.SLIM, 100_000_000L, ProbeOutcome.FAIL), List.of(NUMPY))), "not repaired");

        ComparisonResult after = plain().withRepairs(List.of(failed));

        assertThat(after.variants()).extracting(VariantResult::label).contains("slim+fix");
        assertThat(failed.proven()).isEmpty();
        assertThat(after.recommendation().label()).isEqualTo("distroless");
    }
}
