package dev.baseshift.advice;

import dev.baseshift.catalog.Tier;
import dev.baseshift.catalog.TierOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** What the Advisor looks at (the stages that move with the base) and how it orders and labels findings. */
class AdvisorTest {

    @Test
    void onlyStagesRootedAtTheBaseStageAreAffected() {
        String dockerfile = """
                FROM debian:trixie AS tools
                RUN apt-get update && apt-get install -y curl
                FROM python:3.12-slim AS base
                RUN pip install flask
                FROM base AS app
                RUN apt-get install -y libpq5
                FROM tools AS unused-later
                RUN apt-get install -y jq
                FROM app
                COPY --from=tools /usr/bin/curl /usr/bin/curl
                CMD ["python3", "-m", "app"]
                """;
        List<Finding> found = advise(dockerfile, ALPINE_PY).stream()
                .filter(f -> f.rule().equals(PackageManagerMismatchRule.ID)).toList();
        // line 2 and 8 are in stages on debian:trixie, which does not move
        assertThat(found).extracting(Finding::line).containsExactly(6);
    }

    @Test
    void stagesAfterTheTargetStageAreNeverBuilt() throws Exception {
        String text = """
                FROM python:3.12-slim AS app
                CMD ["python3", "-m", "app"]
                FROM app AS debug
                RUN apt-get install -y gdb
                """;
        var df = dev.baseshift.dockerfile.DockerfileParser.parse("Dockerfile", text);
        var graph = dev.baseshift.dockerfile.StageGraph.of(df, java.util.Map.of(), "app");
        assertThat(new Advisor().advise(df, graph, null, ALPINE_PY)).isEmpty();
        var last = dev.baseshift.dockerfile.StageGraph.of(df, java.util.Map.of(), null);
        assertThat(new Advisor().advise(df, last, null, ALPINE_PY)).extracting(Finding::line).containsExactly(4);
    }

    @Test
    void findingsAreOrderedByLineThenSeverity() {
        String dockerfile = """
                FROM python:3.12
                USER app
                RUN apt-get install -y curl
                CMD python app.py
                """;
        List<Finding> found = advise(dockerfile, DISTROLESS_PY);
        assertThat(found).extracting(Finding::line).isSorted();
        assertThat(found).extracting(Finding::rule).containsExactly(
                UserMissingRule.ID, PackageManagerMismatchRule.ID, ShellFormWithoutShellRule.ID,
                ShellFormWithoutShellRule.ID);
    }

    @Test
    void onbuildTriggersAreNotedAsWarningsForLaterBuilds() {
        String dockerfile = """
                FROM python:3.12
                ONBUILD RUN apt-get update && apt-get install -y libpq-dev
                ONBUILD COPY . /app
                """;
        Finding f = advise(dockerfile, ALPINE_PY).get(0);
        assertThat(f.rule()).isEqualTo(PackageManagerMismatchRule.ID);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.message()).startsWith("ONBUILD trigger");
        assertThat(f.fix()).isEqualTo("RUN apk add --no-cache postgresql-dev");
    }

    @Test
    void theOriginalOnItsOwnBaseHasNoFindingsForAnIdiomaticFile() {
        String alpine = """
                FROM python:3.12-alpine
                RUN apk add --no-cache build-base postgresql-dev bash \\
                 && addgroup -S app && adduser -S -G app app
                SHELL ["/bin/bash", "-c"]
                COPY requirements.txt .
                RUN pip install -r requirements.txt psycopg2
                USER app
                CMD ["bash", "-c", "exec python -m app"]
                """;
        assertThat(advise(alpine, ALPINE_PY)).isEmpty();
        String distroless = """
                FROM python:3.13-slim AS build
                RUN pip install --target /deps flask
                FROM gcr.io/distroless/python3-debian13
                COPY --from=build /deps /deps
                ENV PYTHONPATH=/deps
                USER nonroot
                ENTRYPOINT ["python3", "-m", "app"]
                """;
        assertThat(advise(distroless, DISTROLESS_PY)).isEmpty();
    }

    @Test
    void unknownTraitsLeaveOnlyTheRulesThatReadTheFileAlone() {
        TierOption custom = new TierOption(Tier.SLIM, "registry.example.com/py:custom", null, "", true);
        String dockerfile = """
                FROM python:3.12
                RUN --mount=type=cache,target=/root/.cache pip install flask
                USER app
                """;
        assertThat(advise(dockerfile, custom)).extracting(Finding::rule)
                .containsExactly(BuildKitOnlySyntaxRule.ID);
    }

    @Test
    void everyRuleHasAStableKebabCaseId() {
        assertThat(Advisor.ruleIds()).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"))
                .contains("package-manager-mismatch", "useradd-on-alpine", "bash-missing", "shell-form-without-shell",
                        "native-wheels-on-musl", "glibc-binary", "scratch-needs", "language-version-drift",
                        "digest-pin-dropped", "retired-suite", "user-missing", "buildkit-only-syntax");
    }
}
