package dev.baseshift.diagnosis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A patch's reasons in one line, as progress lines and headlines show them. */
class RepairPatchTest {
    private static RepairPatch patch(String... reasons) {
        List<RepairPatch.Hunk> hunks = new java.util.ArrayList<>();
        for (int i = 0; i < reasons.length; i++) hunks.add(new RepairPatch.Hunk(i + 1, reasons[i]));
        return new RepairPatch("FROM x\n", "--- a\n+++ b\n", hunks, List.of());
    }

    @Test
    void eachReasonOnceCutToLengthAndTheRestAsAnEllipsis() {
        assertThat(patch().reasons(3, 120)).isEmpty();
        assertThat(patch("adds a", "adds a", "adds b").reasons(3, 120)).isEqualTo("adds a; adds b");
        assertThat(patch("r1", "r2", "r3", "r4").reasons(2, 120)).isEqualTo("r1; r2; …");
        assertThat(patch("x".repeat(130)).reasons(3, 120)).isEqualTo("x".repeat(119) + "…");
    }
}
