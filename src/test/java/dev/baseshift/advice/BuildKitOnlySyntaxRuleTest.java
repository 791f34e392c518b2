package dev.baseshift.advice;

import dev.baseshift.catalog.Tier;
import dev.baseshift.catalog.TierOption;
import org.junit.jupiter.api.Test;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class BuildKitOnlySyntaxRuleTest {
    private static final String RULE = BuildKitOnlySyntaxRule.ID;

    @Test
    void oneInfoListsEveryBuildKitFeatureWithItsLines() {
        String dockerfile = """
                # syntax=docker/dockerfile:1.7
                FROM golang:1.23 AS build
                RUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/app .
                FROM python:3.12-slim
                COPY --link --chmod=755 --from=build /out/app /usr/local/bin/app
                RUN <<EOF
                echo ready
                EOF
                RUN --mount=type=secret,id=token cat /run/secrets/token
                """;
        Finding f = advise(dockerfile, SLIM, RULE).get(0);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.line()).isEqualTo(1);
        assertThat(f.message()).contains("# syntax= directive (line 1)").contains("RUN --mount (lines 3, 9)")
                .contains("COPY --link (line 5)").contains("COPY --chmod (line 5)").contains("heredoc (line 6)")
                .contains("classic builder can't build this");
        assertThat(f.fix()).contains("BuildKit path");
    }

    @Test
    void appliesToTheOriginalAndToTargetsWithUnknownTraits() {
        TierOption original = new TierOption(Tier.ORIGINAL, "registry.example.com/base:1", null, "", false);
        assertThat(advise("FROM registry.example.com/base:1\nCOPY --chmod=644 a /a\n", original, RULE))
                .extracting(Finding::line).containsExactly(2);
    }

    @Test
    void noFindingForClassicSyntax() {
        String dockerfile = """
                FROM python:3.12
                COPY --chown=1000:1000 . /app
                RUN echo "<<EOF is just text here"
                """;
        assertThat(advise(dockerfile, SLIM, RULE)).isEmpty();
    }
}
