package dev.baseshift.advice;

import dev.baseshift.catalog.BaseMatch;
import dev.baseshift.catalog.Tier;
import dev.baseshift.catalog.TierOption;
import org.junit.jupiter.api.Test;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class LanguageVersionDriftRuleTest {
    private static final String RULE = LanguageVersionDriftRule.ID;
    private static final String PYTHON = """
            ARG PY=3.11
            FROM python:${PY}-slim AS app
            COPY . /app
            CMD ["python3", "/app/main.py"]
            """;

    @Test
    void distrolessPython3IsDebiansPythonWhateverTheOriginalSaid() {
        Finding f = advise(PYTHON, pythonFull("3.11"), DISTROLESS_PY).stream()
                .filter(x -> x.rule().equals(RULE)).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.message()).startsWith("Python 3.11 → 3.13");
    }

    @Test
    void javaMajorDriftIsFlaggedAndOlderVersionsSaySo() {
        TierOption java21 = new TierOption(Tier.DISTROLESS, "gcr.io/distroless/java21-debian13",
                withLanguage(DISTROLESS, "21"), "", false);
        TierOption temurin = new TierOption(Tier.FULL, "eclipse-temurin:25-jdk", DEBIAN, "", false);
        BaseMatch from = match("eclipse-temurin", Tier.FULL, "25", temurin, java21);
        Finding f = advise("FROM eclipse-temurin:25-jdk\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n", from, java21)
                .stream().filter(x -> x.rule().equals(RULE)).findFirst().orElseThrow();
        assertThat(f.message()).startsWith("Java 25 → 21").contains("older");
    }

    @Test
    void noFindingWhenVersionsAgreeOrNothingIsKnown() {
        assertThat(advise(PYTHON, pythonFull("3.13"), DISTROLESS_PY)).noneMatch(f -> f.rule().equals(RULE));
        assertThat(advise(PYTHON, pythonFull("3.13.1"), DISTROLESS_PY)).noneMatch(f -> f.rule().equals(RULE));
        assertThat(advise(PYTHON, pythonFull("3.11"), SLIM)).noneMatch(f -> f.rule().equals(RULE));
        assertThat(advise(PYTHON, null, DISTROLESS_PY)).noneMatch(f -> f.rule().equals(RULE));
    }
}
