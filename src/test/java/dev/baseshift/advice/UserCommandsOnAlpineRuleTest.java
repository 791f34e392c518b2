package dev.baseshift.advice;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class UserCommandsOnAlpineRuleTest {
    private static final String RULE = UserCommandsOnAlpineRule.ID;

    @Test
    void useraddAndGroupaddBecomeBusyboxAdduserAndAddgroup() {
        String dockerfile = """
                FROM python:3.12-slim
                RUN groupadd -r -g 10001 app \\
                 && useradd -r -u 10001 -g app -d /home/app -s /sbin/nologin -c "App user" -M app
                USER app
                """;
        List<Finding> found = advise(dockerfile, ALPINE_PY, RULE);
        assertThat(found).extracting(Finding::line).containsExactly(2, 3);
        assertThat(found).allMatch(f -> f.severity() == Severity.ERROR);
        assertThat(found.get(0).fix()).startsWith("RUN addgroup -S -g 10001 app");
        assertThat(found.get(1).message()).contains("useradd: not found");
        assertThat(found.get(1).fix())
                .startsWith("RUN adduser -D -S -u 10001 -G app -h /home/app -s /sbin/nologin -g \"App user\" -H app")
                .contains("apk add --no-cache shadow");
    }

    @Test
    void supplementaryGroupsAndUsermodBecomeAddgroupCalls() {
        String dockerfile = """
                FROM python:3.12
                RUN useradd -m -G audio,video player
                RUN usermod -aG docker player
                """;
        List<Finding> found = advise(dockerfile, ALPINE_PY, RULE);
        assertThat(found).extracting(Finding::line).containsExactly(2, 3);
        assertThat(found.get(0).fix()).startsWith("RUN adduser -D player && addgroup player audio && addgroup player video");
        assertThat(found.get(1).fix()).startsWith("RUN addgroup player docker");
    }

    @Test
    void debianAdduserOptionsAreAWarningWithTheBusyboxSpelling() {
        String dockerfile = """
                FROM python:3.12-slim
                RUN adduser --system --group --uid 1001 --disabled-password --gecos "" worker
                """;
        Finding f = advise(dockerfile, ALPINE_PY, RULE).get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.message()).contains("--disabled-password");
        assertThat(f.fix()).isEqualTo("RUN addgroup -S worker && adduser -D -S -u 1001 -G worker -g \"\" worker");
    }

    @Test
    void noFindingForBusyboxStyleOnAlpineOrShadowOnDebian() {
        assertThat(advise("FROM python:3.12-alpine\nRUN addgroup -S app && adduser -S -G app app\n", ALPINE_PY, RULE))
                .isEmpty();
        assertThat(advise("FROM python:3.12\nRUN useradd -m app\n", SLIM, RULE)).isEmpty();
    }

    @Test
    void noFindingOnceShadowIsInstalled() {
        String dockerfile = """
                FROM python:3.12-alpine
                RUN apk add --no-cache shadow
                RUN useradd -m app
                """;
        assertThat(advise(dockerfile, ALPINE_PY, RULE)).isEmpty();
    }
}
