FROM debian:bookworm-slim AS baseshift-build
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
COPY target/release/api /usr/local/bin/api
ENTRYPOINT ["/usr/local/bin/api"]

FROM gcr.io/distroless/cc-debian12
COPY --from=baseshift-build /usr/local/bin/api /usr/local/bin/api
COPY --from=baseshift-build /usr/lib/x86_64-linux-gnu/libpq.so.5 /usr/lib/x86_64-linux-gnu/libpq.so.5
ENTRYPOINT ["/usr/local/bin/api"]
