FROM rust:1.77 AS build
WORKDIR /app
COPY . .
RUN cargo build --release --target x86_64-unknown-linux-musl

FROM debian:bookworm-slim AS runtime
RUN apt-get update && apt-get install -y ca-certificates
COPY --from=build /app/target/x86_64-unknown-linux-musl/release/svc /svc
EXPOSE 8443
USER 65532
ENTRYPOINT ["/svc"]

FROM scratch
COPY --from=runtime /svc /svc
COPY --from=runtime /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
EXPOSE 8443
USER 65532
ENTRYPOINT ["/svc"]
