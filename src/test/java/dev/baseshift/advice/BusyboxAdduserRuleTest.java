package dev.baseshift.advice;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class BusyboxAdduserRuleTest {
    private static final String RULE = BusyboxAdduserRule.ID;

    @Test
    void alpineStyleAccountsBecomeGroupaddAndUseraddOnDebian() {
        String dockerfile = """
                FROM python:3.12-alpine
                RUN addgroup -S -g 1001 app \\
                 && adduser -D -S -u 1001 -G app -h /srv/app -H app \\
                 && addgroup app wheel
                USER app
                """;
        List<Finding> found = advise(dockerfile, SLIM, RULE);
        assertThat(found).extracting(Finding::line).containsExactly(2, 3, 4);
        assertThat(found).allMatch(f -> f.severity() == Severity.ERROR);
        assertThat(found).extracting(Finding::fix).containsExactly(
                "RUN groupadd -r -g 1001 app",
                "RUN useradd -r -u 1001 -g app -d /srv/app -M app",
                "RUN usermod -aG wheel app");
    }

    @Test
    void noFindingOnAlpineOrForDebianLongOptions() {
        assertThat(advise("FROM alpine:3.22\nRUN adduser -D app\n", ALPINE_PY, RULE)).isEmpty();
        assertThat(advise("FROM debian:trixie\nRUN adduser --system --group app\n", SLIM, RULE)).isEmpty();
        assertThat(advise("FROM alpine:3.22\nRUN adduser -D app\n", DISTROLESS_PY, RULE)).isEmpty();
    }
}
