#!/usr/bin/env bash
# Podman 4.3 (Debian 12's podman) serving its Docker-compatible API, for the CI lane:
#   .ci/podman.sh up     installs podman when missing, starts `podman system service` on $STATE/podman.sock with its
#                        own storage (never the machine's), loads the fixture images, writes $STATE/podman.env
#   .ci/podman.sh down   stops it and removes its storage
# In sandboxes like CI's, containers fail with "error setting rlimit type 7" unless containers.conf says
# default_ulimits = [] (podman would copy the service's own limits into every container).
set -euo pipefail

STATE=${BASESHIFT_PODMAN_STATE:-/run/baseshift-ci/podman}
STORE=${BASESHIFT_PODMAN_STORE:-/var/lib/baseshift-ci/podman}
DOCKER=/usr/bin/docker
FIXTURES=(bsfixture/tiny:full bsfixture/tiny:musl bsfixture/tiny:noshell bsfixture/py:full bsfixture/py:slim
    bsfixture/py:distroless)
log() { echo "podman: $*" >&2; }

podman_() {
    CONTAINERS_CONF=$STATE/containers.conf podman --root "$STORE/root" --runroot "$STATE/runroot" "$@"
}

down() {
    if [[ -f $STATE/service.pid ]]; then
        local pid
        pid=$(cat "$STATE/service.pid")
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    if [[ -d $STORE/root ]]; then
        # containers left by a killed test, then the storage's overlay mounts
        podman_ rm -af -t 0 >/dev/null 2>&1 || true
        podman_ system reset -f >/dev/null 2>&1 || true
        { grep -o " $STORE[^ ]*" /proc/mounts || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
    fi
    rm -rf "$STATE" "$STORE"
    log "down"
}

up() {
    local start=$SECONDS
    if ! command -v podman >/dev/null; then
        log "installing podman"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman >/dev/null \
            || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman >/dev/null; }
    fi
    down 2>/dev/null
    mkdir -p "$STATE" "$STORE"
    printf '[containers]\ndefault_ulimits = []\n' >"$STATE/containers.conf"
    setsid nohup env CONTAINERS_CONF="$STATE/containers.conf" podman --root "$STORE/root" --runroot "$STATE/runroot" \
        system service --time=0 "unix://$STATE/podman.sock" >"$STATE/service.log" 2>&1 </dev/null &
    echo $! >"$STATE/service.pid"
    local ok=
    for _ in $(seq 1 60); do
        if DOCKER_HOST=unix://$STATE/podman.sock timeout 5 "$DOCKER" version >/dev/null 2>&1; then ok=1; break; fi
        sleep 0.5
    done
    if [[ -z $ok ]]; then
        log "podman did not answer within 30 s; last lines of its log:"
        tail -n 30 "$STATE/service.log" >&2
        return 1
    fi
    log "answers after $((SECONDS - start)) s: $(podman --version)"
    local t=$SECONDS
    "$DOCKER" save "${FIXTURES[@]}" | podman_ load -q >/dev/null
    log "fixtures loaded in $((SECONDS - t)) s"
    # The tests compare sizes with `podman image inspect` through the same service (podman --remote).
    printf 'DOCKER_HOST=unix://%s/podman.sock\nCONTAINERS_CONF=%s/containers.conf\n' "$STATE" "$STATE" \
        >"$STATE/podman.env"
    log "up in $((SECONDS - start)) s"
}

case ${1:-} in
    up) up ;;
    down) down ;;
    *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
