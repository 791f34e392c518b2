package dev.baseshift.advice;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class ScratchNeedsRuleTest {
    private static final String RULE = ScratchNeedsRule.ID;

    @Test
    void anInterpreterCannotRunOnScratch() {
        String dockerfile = """
                FROM python:3.12-slim
                COPY app.py /app/
                CMD ["python3", "/app/app.py"]
                """;
        List<Finding> found = advise(dockerfile, SCRATCH, RULE);
        assertThat(found).filteredOn(f -> f.severity() == Severity.ERROR).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.message()).contains("python3").contains("static binary");
        });
    }

    @Test
    void certificatesAndTimeZonesAreMissingOnScratch() {
        String dockerfile = """
                FROM golang:1.23 AS build
                RUN CGO_ENABLED=0 go build -o /out/app .
                FROM debian:trixie-slim
                ENV TZ=Europe/Berlin
                COPY --from=build /out/app /app
                ENTRYPOINT ["/app"]
                """;
        List<Finding> found = advise(dockerfile, SCRATCH, RULE);
        assertThat(found).hasSize(2).allMatch(f -> f.line() == 3 && f.severity() == Severity.WARNING);
        assertThat(found).anySatisfy(f -> assertThat(f.fix())
                .isEqualTo("COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/"));
        assertThat(found).anySatisfy(f -> assertThat(f.fix()).startsWith("COPY --from=build /usr/share/zoneinfo"));
    }

    @Test
    void timeZoneDataIsOnlyInfoWhenNothingAsksForAZone() {
        String dockerfile = """
                FROM golang:1.23 AS build
                RUN CGO_ENABLED=0 go build -o /out/app .
                FROM debian:trixie-slim
                COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
                COPY --from=build /out/app /app
                ENTRYPOINT ["/app"]
                """;
        assertThat(advise(dockerfile, SCRATCH, RULE)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).contains("time zone");
        });
    }

    @Test
    void aBinaryOfUnknownOriginMustBeStaticAndUserNamesNeedPasswd() {
        String dockerfile = """
                FROM debian:trixie-slim
                COPY bin/server /server
                COPY --from=build-tools /etc/ssl/certs /etc/ssl/certs
                COPY zoneinfo /usr/share/zoneinfo
                USER app
                ENTRYPOINT ["/server"]
                """;
        List<Finding> found = advise(dockerfile, SCRATCH, RULE);
        assertThat(found).extracting(Finding::line, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5, Severity.ERROR),
                        org.assertj.core.groups.Tuple.tuple(6, Severity.WARNING));
        assertThat(found.get(0).fix()).contains("USER 65532:65532");
        assertThat(found.get(1).message()).contains("statically linked");
    }

    @Test
    void noFindingForANumericUserAStaticBuildAndCopiedFiles() {
        String dockerfile = """
                FROM golang:1.23 AS build
                RUN CGO_ENABLED=0 go build -o /out/app .
                FROM debian:trixie-slim
                COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
                COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
                COPY --from=build /out/app /app
                USER 65532:65532
                ENTRYPOINT ["/app"]
                """;
        assertThat(advise(dockerfile, SCRATCH, RULE)).isEmpty();
        assertThat(advise(dockerfile.replace("USER 65532:65532", "USER nonroot"), STATIC, RULE)).isEmpty();
    }

    @Test
    void anEmptyEntrypointLeavesTheStartToCmd() {
        String dockerfile = """
                FROM node:22
                ENTRYPOINT []
                CMD ["node", "server.js"]
                """;
        assertThat(advise(dockerfile, SCRATCH, RULE)).filteredOn(f -> f.severity() == Severity.ERROR)
                .singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(3));
    }
}
