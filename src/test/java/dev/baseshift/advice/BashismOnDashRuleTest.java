package dev.baseshift.advice;

import dev.baseshift.catalog.BaseMatch;
import dev.baseshift.catalog.Tier;
import dev.baseshift.catalog.TierOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class BashismOnDashRuleTest {
    private static final String RULE = BashismOnDashRule.ID;
    private static final TierOption NODE_ALPINE = new TierOption(Tier.ALPINE, "node:22-alpine", ALPINE, "", false);
    private static final TierOption NODE_SLIM = new TierOption(Tier.SLIM, "node:22-trixie-slim", DEBIAN, "", false);
    private static final BaseMatch FROM_ALPINE = match("node", Tier.ALPINE, "22", NODE_ALPINE, NODE_SLIM);

    @Test
    void whatAshAcceptedBreaksUnderDash() {
        String dockerfile = """
                FROM node:22-alpine
                RUN set -eo pipefail; \\
                    if [[ -f package-lock.json ]]; then npm ci; fi
                RUN source ./env.sh && echo ok
                """;
        List<Finding> found = advise(dockerfile, FROM_ALPINE, NODE_SLIM).stream()
                .filter(f -> f.rule().equals(RULE)).toList();
        assertThat(found).extracting(Finding::line).containsExactly(2, 4);
        assertThat(found.get(0).message()).contains("set -o pipefail").contains("[[ ]]").contains("dash");
        assertThat(found.get(1).message()).contains("source");
        assertThat(found.get(0).fix()).contains("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]");
    }

    @Test
    void noFindingWhenTheOriginalWasDebianAlreadyOrUnderABashShell() {
        String bashisms = "FROM node:22\nRUN [[ -f x ]] && source y\n";
        assertThat(advise(bashisms, pythonFull("3.12"), NODE_SLIM)).noneMatch(f -> f.rule().equals(RULE));
        String underBash = """
                FROM node:22-alpine
                SHELL ["/bin/bash", "-c"]
                RUN [[ -f x ]] && source y
                """;
        assertThat(advise(underBash, FROM_ALPINE, NODE_SLIM)).noneMatch(f -> f.rule().equals(RULE));
        assertThat(advise("FROM node:22-alpine\nRUN [ -f x ] && . ./y\n", FROM_ALPINE, NODE_SLIM))
                .noneMatch(f -> f.rule().equals(RULE));
    }
}
