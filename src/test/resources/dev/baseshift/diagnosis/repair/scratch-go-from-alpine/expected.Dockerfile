FROM golang:1.22-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/app .

FROM alpine:3.20 AS baseshift-build
RUN apk add --no-cache ca-certificates tzdata && adduser -D -H -u 10001 app
COPY --from=build /out/app /usr/local/bin/app
USER app
ENTRYPOINT ["/usr/local/bin/app"]

FROM scratch
COPY --from=baseshift-build /usr/local/bin/app /usr/local/bin/app
COPY --from=baseshift-build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=baseshift-build /etc/passwd /etc/group /etc/
USER app
ENTRYPOINT ["/usr/local/bin/app"]
