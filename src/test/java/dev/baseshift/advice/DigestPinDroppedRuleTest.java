package dev.baseshift.advice;

import dev.baseshift.catalog.Tier;
import dev.baseshift.catalog.TierOption;
import org.junit.jupiter.api.Test;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class DigestPinDroppedRuleTest {
    private static final String RULE = DigestPinDroppedRule.ID;
    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String PINNED = """
            # base pinned for reproducible builds
            FROM python:3.12@%s
            CMD ["python3"]
            """.formatted(DIGEST);

    @Test
    void swappingAPinnedBaseForATagIsAWarningWithHowToPinAgain() {
        Finding f = advise(PINNED, SLIM, RULE).get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.fix()).contains("docker buildx imagetools inspect python:3.12-slim-trixie")
                .contains("{{index .RepoDigests 0}}");
    }

    @Test
    void noFindingWhenTheOriginalFloatsOrTheVariantIsPinnedToo() {
        assertThat(advise("FROM python:3.12\n", SLIM, RULE)).isEmpty();
        TierOption pinned = new TierOption(Tier.ORIGINAL, "python:3.12@" + DIGEST, DEBIAN, "", false);
        assertThat(advise(PINNED, pinned, RULE)).isEmpty();
    }

    @Test
    void reportedEvenWhenTheTargetsTraitsAreUnknown() {
        TierOption custom = new TierOption(Tier.SLIM, "registry.example.com:5000/py:slim", null, "", true);
        assertThat(advise(PINNED, custom, RULE)).extracting(Finding::line).containsExactly(2);
    }
}
