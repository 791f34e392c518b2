package dev.baseshift.advice;

import dev.baseshift.catalog.Tier;
import dev.baseshift.catalog.TierOption;
import org.junit.jupiter.api.Test;

import static dev.baseshift.advice.AdviceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class GlibcBinaryRuleTest {
    private static final String RULE = GlibcBinaryRule.ID;
    private static final TierOption GO_ALPINE = new TierOption(Tier.ALPINE, "alpine:3.22", ALPINE, "", false);

    private static final String GO_DEFAULT_CGO = """
            FROM golang:1.23 AS build
            WORKDIR /src
            COPY . .
            RUN go build -o /out/server ./cmd/server
            FROM debian:trixie-slim
            COPY --from=build /out/server /usr/local/bin/server
            ENTRYPOINT ["/usr/local/bin/server"]
            """;

    @Test
    void aGoBinaryBuiltWithCgoOnGlibcIsAWarningOnMuslAndScratch() {
        for (TierOption target : new TierOption[] {GO_ALPINE, SCRATCH, STATIC}) {
            Finding f = advise(GO_DEFAULT_CGO, target, RULE).get(0);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.line()).isEqualTo(6);
            assertThat(f.fix()).contains("CGO_ENABLED=0");
        }
    }

    @Test
    void noFindingWhenCgoIsOffTheBuilderIsAlpineOrTheTargetHasGlibc() {
        assertThat(advise(GO_DEFAULT_CGO.replace("RUN go build", "RUN CGO_ENABLED=0 go build"), SCRATCH, RULE)).isEmpty();
        assertThat(advise(GO_DEFAULT_CGO.replace("RUN go build", "ENV CGO_ENABLED=0\nRUN go build"), SCRATCH, RULE))
                .isEmpty();
        assertThat(advise(GO_DEFAULT_CGO.replace("golang:1.23", "golang:1.23-alpine"), GO_ALPINE, RULE)).isEmpty();
        assertThat(advise(GO_DEFAULT_CGO, DISTROLESS_PY, RULE)).isEmpty();
    }

    @Test
    void aRustBinaryWithoutAMuslTargetIsAWarning() {
        String dockerfile = """
                FROM rust:1.83 AS build
                RUN cargo build --release
                FROM debian:trixie-slim
                COPY --from=build /app/target/release/api /api
                CMD ["/api"]
                """;
        Finding f = advise(dockerfile, GO_ALPINE, RULE).get(0);
        assertThat(f.line()).isEqualTo(4);
        assertThat(f.fix()).contains("x86_64-unknown-linux-musl");
    }

    @Test
    void otherGlibcBuildOutputIsAnInfoButPortableFilesAreNot() {
        String dockerfile = """
                FROM python:3.12 AS deps
                RUN python -m venv /venv && /venv/bin/pip install -r requirements.txt
                FROM node:22 AS web
                RUN npm ci && npm run build
                FROM python:3.12-slim
                COPY --from=deps /venv /venv
                COPY --from=web /src/dist /app/static
                COPY --from=web /src/app.js /app/app.js
                """;
        assertThat(advise(dockerfile, ALPINE_PY, RULE)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.line()).isEqualTo(6);
            assertThat(f.message()).contains("/venv");
        });
    }

    @Test
    void imagesBuiltOnAlpineWithoutSayingSoCountAsMusl() {
        String dockerfile = """
                FROM composer:2 AS vendor
                RUN composer install --no-dev
                FROM php:8.3-fpm-trixie
                COPY --from=vendor /app/vendor /var/www/html/vendor
                """;
        assertThat(advise(dockerfile, GO_ALPINE, RULE)).isEmpty();
    }
}
