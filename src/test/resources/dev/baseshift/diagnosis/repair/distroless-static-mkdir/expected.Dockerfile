FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server
FROM debian:12-slim AS baseshift-build
RUN mkdir -p /var/lib/server && chown 65532:65532 /var/lib/server
COPY --from=build /out/server /server
USER nonroot:nonroot
VOLUME /var/lib/server
ENTRYPOINT ["/server"]

FROM gcr.io/distroless/static-debian12
COPY --from=baseshift-build /server /server
COPY --from=baseshift-build --chown=65532:65532 /var/lib/server /var/lib/server
VOLUME /var/lib/server
USER nonroot:nonroot
ENTRYPOINT ["/server"]
