#!/usr/bin/env bash
# Makes sure a Docker engine answers on /var/run/docker.sock: installs Debian's docker.io when missing and starts
# dockerd (without iptables, which CI sandboxes do not allow) when nothing answers. Safe to run repeatedly.
set -euo pipefail

DOCKER=/usr/bin/docker
answers() { timeout 5 "$DOCKER" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if ! command -v dockerd >/dev/null 2>&1; then
    echo "engine-up: installing docker.io" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq docker.io >/dev/null
fi

if answers; then
    echo "engine-up: engine already answers ($("$DOCKER" version --format '{{.Server.Version}} API {{.Server.APIVersion}}'))" >&2
    exit 0
fi

echo "engine-up: starting dockerd" >&2
log=/var/log/baseshift-dockerd.log
nohup dockerd --iptables=false >"$log" 2>&1 &
for _ in $(seq 1 60); do
    if answers; then
        echo "engine-up: engine answers ($("$DOCKER" version --format '{{.Server.Version}} API {{.Server.APIVersion}}'))" >&2
        exit 0
    fi
    sleep 0.5
done
echo "engine-up: dockerd did not answer within 30 s; last lines of $log:" >&2
tail -n 20 "$log" >&2
exit 1
