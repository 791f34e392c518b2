package dev.baseshift.advice;

import dev.baseshift.catalog.BaseTraits;
import dev.baseshift.catalog.Tier;
import dev.baseshift.catalog.TierOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class UserMissingRuleTest {
    private static final String RULE = UserMissingRule.ID;

    @Test
    void aNamedUserTheTargetLacksIsAnErrorWithNonrootAsFix() {
        String dockerfile = """
                FROM python:3.12-slim
                RUN useradd -r app
                COPY . /app
                USER app
                CMD ["python3", "/app/main.py"]
                """;
        Finding f = advise(dockerfile, pythonFull("3.12"), DISTROLESS_PY).stream()
                .filter(x -> x.rule().equals(RULE)).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.line()).isEqualTo(4);
        assertThat(f.message()).contains("unable to find user app");
        assertThat(f.fix()).isEqualTo("USER nonroot (uid 65532), or USER 65532:65532");
    }

    @Test
    void aFamilyUserMissingOnAnotherTierIsAnError() {
        BaseTraits nodeImage = new BaseTraits(true, "apt", "glibc", true, true, List.of("root", "nobody", "node"), null);
        TierOption full = new TierOption(Tier.FULL, "node:22", nodeImage, "", false);
        TierOption distroless = new TierOption(Tier.DISTROLESS, "gcr.io/distroless/nodejs22-debian13", DISTROLESS,
                "", false);
        var from = match("node", Tier.FULL, "22", full, distroless);
        List<Finding> found = advise("FROM node:22\nUSER node\nCMD [\"server.js\"]\n", from, distroless).stream()
                .filter(x -> x.rule().equals(RULE)).toList();
        assertThat(found).singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(2));
    }

    @Test
    void anAccountOfTheOriginalDistributionMayBeMissingOnAlpine() {
        Finding f = advise("FROM python:3.12\nUSER www-data\n", pythonFull("3.12"), ALPINE_PY).stream()
                .filter(x -> x.rule().equals(RULE)).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.fix()).startsWith("create it first: RUN addgroup -S www-data && adduser -S -G www-data www-data");
    }

    @Test
    void noFindingForKnownCreatedNumericOrSameDistributionUsers() {
        assertThat(advise("FROM python:3.12\nUSER nonroot\n", DISTROLESS_PY, RULE)).isEmpty();
        assertThat(advise("FROM python:3.12\nUSER 10001:10001\n", DISTROLESS_PY, RULE)).isEmpty();
        assertThat(advise("FROM python:3.12\nUSER $APP_USER\n", DISTROLESS_PY, RULE)).isEmpty();
        assertThat(advise("FROM python:3.12-alpine\nRUN adduser -D app\nUSER app\n", ALPINE_PY, RULE)).isEmpty();
        assertThat(advise("FROM python:3.12\nRUN useradd -m app\nUSER app:app\n", SLIM, RULE)).isEmpty();
        assertThat(advise("FROM python:3.12\nUSER www-data\n", pythonFull("3.12"), SLIM).stream()
                .filter(x -> x.rule().equals(RULE))).isEmpty();
    }
}
