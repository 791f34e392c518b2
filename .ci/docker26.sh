#!/usr/bin/env bash
# Docker 26 (Debian 13's docker.io) beside the machine's own engine, for the CI lanes:
#   .ci/docker26.sh up     starts it and writes $STATE/{unix,tls,context}.env (one lane each: the local socket,
#                          TCP with TLS, and a docker context in a private DOCKER_CONFIG); loads the fixture images
#   .ci/docker26.sh down   stops it and removes everything "up" made (never touches the machine's dockerd)
# The engine runs chrooted into the cached trixie root (.ci/trixie-root.sh), in a private mount namespace (the root
# bind-mounted onto itself, else BuildKit fails with "remount /"; proc, sys, dev, a tmpfs on /run), in its own
# network namespace with a docker0 bridge of its own (with --bridge=none BuildKit's RUN fails with "network bridge
# not found"), reached from the host over a veth pair.
set -euo pipefail

STATE=${BASESHIFT_D26_STATE:-/run/baseshift-ci/d26}
DATA=${BASESHIFT_D26_DATA:-/var/lib/baseshift-ci/d26}
NS=bs-d26
HOST_IF=bsd26h
NS_IF=bsd26n
HOST_ADDR=10.226.26.1
ADDR=10.226.26.2
PORT=2376
DOCKER=/usr/bin/docker
FIXTURES=(bsfixture/tiny:full bsfixture/tiny:musl bsfixture/tiny:noshell bsfixture/py:full bsfixture/py:slim
    bsfixture/py:distroless)
HERE=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
log() { echo "docker26: $*" >&2; }

down() {
    if [[ -f $STATE/dockerd.pid ]]; then
        local pid
        pid=$(cat "$STATE/dockerd.pid")
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    # Anything still running inside our chroot (a stray containerd-shim) is ours: the root is private to this script.
    if [[ -f $STATE/root ]]; then
        local root p
        root=$(cat "$STATE/root")
        for p in /proc/[0-9]*; do
            [[ $(readlink "$p/root" 2>/dev/null) == "$root" ]] && kill -KILL "${p#/proc/}" 2>/dev/null || true
        done
    fi
    ip netns del "$NS" 2>/dev/null || true
    ip link del "$HOST_IF" 2>/dev/null || true
    rm -rf "$STATE" "$DATA"
    log "down"
}

certs() {
    local dir=$STATE/certs
    mkdir -p "$dir/server" "$dir/client"
    (
        cd "$dir"
        openssl genrsa -out ca-key.pem 2048 2>/dev/null
        openssl req -x509 -new -key ca-key.pem -days 2 -subj /CN=baseshift-ci-ca -out ca.pem 2>/dev/null
        openssl req -new -newkey rsa:2048 -nodes -keyout server/key.pem -subj "/CN=$ADDR" -out server.csr 2>/dev/null
        printf 'subjectAltName=IP:%s\nextendedKeyUsage=serverAuth\n' "$ADDR" >server.ext
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile server.ext \
            -out server/cert.pem 2>/dev/null
        openssl req -new -newkey rsa:2048 -nodes -keyout client/key.pem -subj /CN=baseshift-ci -out client.csr 2>/dev/null
        printf 'extendedKeyUsage=clientAuth\n' >client.ext
        openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile client.ext \
            -out client/cert.pem 2>/dev/null
        cp ca.pem server/ca.pem
        cp ca.pem client/ca.pem
        chmod 600 ca-key.pem server/key.pem client/key.pem
    )
}

answers() { DOCKER_HOST=unix://$STATE/d26.sock timeout 5 "$DOCKER" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

up() {
    local start=$SECONDS root
    root=$(bash "$HERE/trixie-root.sh")
    down 2>/dev/null
    mkdir -p "$STATE" "$DATA"
    echo "$root" >"$STATE/root"
    certs

    ip netns add "$NS"
    ip -n "$NS" link set lo up
    ip link add "$HOST_IF" type veth peer name "$NS_IF" netns "$NS"
    ip addr add "$HOST_ADDR/30" dev "$HOST_IF"
    ip link set "$HOST_IF" up
    ip -n "$NS" addr add "$ADDR/30" dev "$NS_IF"
    ip -n "$NS" link set "$NS_IF" up

    # Inside the private mount namespace: the state folder appears as /run/bs (socket, pid file, certificates),
    # the data root is outside the cached tree so the cache stays clean.
    setsid nohup unshare -m --propagation private bash -c '
        set -e
        root=$1 state=$2 data=$3 ns=$4 addr=$5 port=$6
        mount --bind "$root" "$root"
        mount -t proc proc "$root/proc"
        mount --rbind /sys "$root/sys"
        mount --rbind /dev "$root/dev"
        mount -t tmpfs tmpfs "$root/run"
        mkdir -p "$root/run/bs"
        mount --bind "$state" "$root/run/bs"
        mkdir -p "$root/var/lib/docker"
        mount --bind "$data" "$root/var/lib/docker"
        exec ip netns exec "$ns" chroot "$root" dockerd --iptables=false --ip-masq=false \
            --data-root /var/lib/docker --exec-root /run/docker --pidfile /run/bs/dockerd.pid \
            -H unix:///run/bs/d26.sock -H "tcp://$addr:$port" \
            --tlsverify --tlscacert /run/bs/certs/server/ca.pem --tlscert /run/bs/certs/server/cert.pem \
            --tlskey /run/bs/certs/server/key.pem
    ' bs-d26 "$root" "$STATE" "$DATA" "$NS" "$ADDR" "$PORT" >"$STATE/dockerd.log" 2>&1 </dev/null &
    local launcher=$! ok=
    for _ in $(seq 1 120); do
        if answers; then ok=1; break; fi
        kill -0 "$launcher" 2>/dev/null || break
        sleep 0.5
    done
    if [[ -z $ok ]]; then
        log "dockerd 26 did not answer within 60 s; last lines of its log:"
        tail -n 30 "$STATE/dockerd.log" >&2
        return 1
    fi
    log "engine answers after $((SECONDS - start)) s: $(DOCKER_HOST=unix://$STATE/d26.sock "$DOCKER" version \
        --format '{{.Server.Version}} API {{.Server.APIVersion}}')"

    local t=$SECONDS
    "$DOCKER" save "${FIXTURES[@]}" | DOCKER_HOST=unix://$STATE/d26.sock "$DOCKER" load -q >/dev/null
    log "fixtures loaded in $((SECONDS - t)) s"

    # The three ways a user reaches an engine that is not the local default.
    printf 'DOCKER_HOST=unix://%s/d26.sock\n' "$STATE" >"$STATE/unix.env"
    printf 'DOCKER_HOST=tcp://%s:%s\nDOCKER_TLS_VERIFY=1\nDOCKER_CERT_PATH=%s/certs/client\n' "$ADDR" "$PORT" \
        "$STATE" >"$STATE/tls.env"
    mkdir -p "$STATE/config"
    local c=$STATE/certs/client
    DOCKER_CONFIG=$STATE/config "$DOCKER" context create bs-d26 --description "BaseShift CI Docker 26" \
        --docker "host=tcp://$ADDR:$PORT,ca=$c/ca.pem,cert=$c/cert.pem,key=$c/key.pem" >/dev/null
    DOCKER_CONFIG=$STATE/config "$DOCKER" context use bs-d26 >/dev/null
    printf 'DOCKER_CONFIG=%s/config\n' "$STATE" >"$STATE/context.env"
    # Each way must really answer, as the CLI sees it.
    (set -a; . "$STATE/tls.env"; "$DOCKER" version --format '{{.Server.Version}}' >/dev/null) \
        || { log "TCP+TLS does not answer"; return 1; }
    (set -a; . "$STATE/context.env"; "$DOCKER" version --format '{{.Server.Version}}' >/dev/null) \
        || { log "the context does not answer"; return 1; }
    log "up in $((SECONDS - start)) s (unix socket, tcp://$ADDR:$PORT with TLS, context bs-d26)"
}

case ${1:-} in
    up) up ;;
    down) down ;;
    *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
