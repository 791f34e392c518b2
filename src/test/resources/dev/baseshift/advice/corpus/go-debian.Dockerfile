FROM golang:1.23 AS build
WORKDIR /src
COPY go.* ./
RUN go mod download
COPY . .
RUN go build -ldflags="-s -w" -o /out/api ./cmd/api

FROM debian:trixie-slim
RUN apt-get update && apt-get install -y ca-certificates tzdata && rm -rf /var/lib/apt/lists/*
RUN useradd -r -u 10001 api
COPY --from=build /out/api /usr/local/bin/api
USER api
ENTRYPOINT ["/usr/local/bin/api"]
ONBUILD RUN apt-get install -y jq
