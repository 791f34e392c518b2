package dev.baseshift.advice;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class BashMissingRuleTest {
    private static final String RULE = BashMissingRule.ID;

    @Test
    void aBashShellFailsEveryRunAfterItAndTheFixNamesBashOnlyLines() {
        String dockerfile = """
                FROM python:3.12
                SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                RUN curl -fsSL https://example.com/x | tar -xz
                RUN files=(a b c); for f in "${files[@]}"; do echo "$f"; done
                """;
        List<Finding> found = advise(dockerfile, ALPINE_PY, RULE);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.fix()).contains("apk add --no-cache bash")
                .contains("SHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]")
                .contains("arrays) at line 4");
    }

    @Test
    void bashCalledByNameInRunCmdAndExecForm() {
        String dockerfile = """
                FROM python:3.12
                RUN curl -fsSL https://example.com/install.sh | bash
                RUN ["/bin/bash", "-c", "echo hi"]
                COPY start.sh /start.sh
                CMD ["bash", "/start.sh"]
                """;
        List<Finding> found = advise(dockerfile, ALPINE_PY, RULE);
        assertThat(found).extracting(Finding::line).containsExactly(2, 3, 5);
        assertThat(found).allMatch(f -> f.severity() == Severity.ERROR && f.message().contains("bash: not found"));
        assertThat(found.get(2).message()).contains("container fails to start");
    }

    @Test
    void aBashShebangInAHeredocPointsAtTheShebangLine() {
        String dockerfile = """
                # syntax=docker/dockerfile:1
                FROM python:3.12
                RUN <<EOF
                #!/bin/bash
                set -euo pipefail
                echo done
                EOF
                """;
        Finding f = advise(dockerfile, ALPINE_PY, RULE).get(0);
        assertThat(f.line()).isEqualTo(4);
        assertThat(f.message()).contains("#!/bin/bash");
    }

    @Test
    void syntaxAshLacksIsAWarningAtItsLine() {
        String dockerfile = """
                FROM python:3.12
                RUN mkdir -p /srv \\
                 && mkdir -p /srv/{logs,cache}
                """;
        Finding f = advise(dockerfile, ALPINE_PY, RULE).get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.line()).isEqualTo(3);
        assertThat(f.message()).contains("brace expansion");
    }

    @Test
    void noFindingForSyntaxAlpinesAshAccepts() {
        String dockerfile = """
                FROM python:3.12
                RUN set -o pipefail && if [[ -f /etc/os-release ]]; then . /etc/os-release; fi
                RUN echo '{"a":1,"b":2}' > /srv/config.json
                """;
        assertThat(advise(dockerfile, ALPINE_PY, RULE)).isEmpty();
    }

    @Test
    void noFindingWhenBashIsInstalledFirstOrTheTargetHasIt() {
        String installed = """
                FROM python:3.12-alpine
                RUN apk add --no-cache bash
                SHELL ["/bin/bash", "-c"]
                RUN echo ${BASH_VERSION}
                CMD ["bash", "-c", "python app.py"]
                """;
        assertThat(advise(installed, ALPINE_PY, RULE)).isEmpty();
        assertThat(advise("FROM python:3.12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN bash x.sh\n", SLIM, RULE)).isEmpty();
    }
}
