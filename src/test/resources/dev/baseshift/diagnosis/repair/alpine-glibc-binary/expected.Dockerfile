FROM alpine:3.20
RUN apk add --no-cache gcompat
COPY bin/agent /usr/local/bin/agent
ENTRYPOINT ["/usr/local/bin/agent"]
