FROM debian:bookworm AS baseshift-build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
COPY hello.c /src/hello.c
RUN gcc -static -O2 -o /usr/local/bin/hello /src/hello.c
CMD ["/usr/local/bin/hello"]

FROM scratch
COPY --from=baseshift-build /src/hello.c /src/hello.c
COPY --from=baseshift-build /usr/local/bin/hello /usr/local/bin/hello
CMD ["/usr/local/bin/hello"]
