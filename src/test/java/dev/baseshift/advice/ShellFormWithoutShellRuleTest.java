package dev.baseshift.advice;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class ShellFormWithoutShellRuleTest {
    private static final String RULE = ShellFormWithoutShellRule.ID;

    @Test
    void everyShellDependentStepOnDistrolessIsAnError() {
        String dockerfile = """
                FROM python:3.12-slim
                SHELL ["/bin/sh", "-ec"]
                RUN pip install --no-cache-dir flask
                RUN ["sh", "-c", "python -m compileall /app"]
                HEALTHCHECK --interval=30s CMD python -c "import urllib.request" || exit 1
                ENTRYPOINT python app.py
                """;
        List<Finding> found = advise(dockerfile, DISTROLESS_PY, RULE);
        assertThat(found).extracting(Finding::line).containsExactly(2, 3, 4, 5, 6);
        assertThat(found).allMatch(f -> f.severity() == Severity.ERROR);
        assertThat(found.get(1).message()).contains("/bin/sh");
        assertThat(found.get(1).fix()).contains("builder stage");
        assertThat(found.get(4).fix()).isEqualTo("write it in exec form: ENTRYPOINT [\"python\", \"app.py\"]");
    }

    @Test
    void heredocRunAndShellFormCmdFailOnScratch() {
        String dockerfile = """
                FROM golang:1.23
                RUN <<EOF
                go build -o /app .
                EOF
                CMD /app --serve
                """;
        List<Finding> found = advise(dockerfile, SCRATCH, RULE);
        assertThat(found).extracting(Finding::line).containsExactly(2, 5);
        assertThat(found.get(0).message()).startsWith("heredoc RUN");
        assertThat(found.get(1).fix()).isEqualTo("write it in exec form: CMD [\"/app\", \"--serve\"]");
    }

    @Test
    void shellFormCmdAfterAnExecEntrypointIsAWarning() {
        String dockerfile = """
                FROM python:3.12
                ENTRYPOINT ["python", "-m", "app"]
                CMD serve --port 8080
                """;
        Finding f = advise(dockerfile, DISTROLESS_PY, RULE).get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.line()).isEqualTo(3);
    }

    @Test
    void execFormRunOfACopiedBinaryIsFineButScratchGetsANoteOtherwise() {
        String copied = """
                FROM golang:1.23 AS build
                RUN CGO_ENABLED=0 go build -o /out/migrate ./cmd/migrate
                FROM debian:trixie
                COPY --from=build /out/migrate /migrate
                RUN ["/migrate", "--check"]
                """;
        assertThat(advise(copied, SCRATCH, RULE)).isEmpty();
        List<Finding> notCopied = advise("FROM debian:trixie\nRUN [\"/bin/true\"]\n", SCRATCH, RULE);
        assertThat(notCopied).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.line()).isEqualTo(2);
        });
    }

    @Test
    void healthcheckWithCurlOnDistrolessAlwaysFails() {
        String dockerfile = """
                FROM python:3.12
                HEALTHCHECK CMD ["curl", "-f", "http://localhost:8000/health"]
                CMD ["python", "app.py"]
                """;
        Finding f = advise(dockerfile, DISTROLESS_PY, RULE).get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.message()).contains("curl");
    }

    @Test
    void noFindingForExecFormOrWhenTheTargetHasAShell() {
        String dockerfile = """
                FROM python:3.12
                COPY app.py /app/
                ENTRYPOINT ["python3", "/app/app.py"]
                CMD ["--port", "8080"]
                """;
        assertThat(advise(dockerfile, DISTROLESS_PY, RULE)).isEmpty();
        assertThat(advise("FROM python:3.12\nRUN pip install flask\nCMD python app.py\n", ALPINE_PY, RULE)).isEmpty();
    }

    @Test
    void onlyTheEffectiveCmdCountsAndBuilderStagesOnOtherImagesAreUnaffected() {
        String dockerfile = """
                FROM node:22 AS assets
                RUN npm ci && npm run build
                FROM python:3.12-slim
                CMD python old.py
                COPY --from=assets /src/dist /app/static
                CMD ["python3", "/app/main.py"]
                """;
        assertThat(advise(dockerfile, DISTROLESS_PY, RULE)).isEmpty();
    }
}
