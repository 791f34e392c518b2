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

# A second dockerd started and stopped by a test (for the "engine dies" case) can delete the shared docker0
# bridge on its way out; builds with RUN then fail with "could not find bridge docker0". Put it back.
repair_bridge() {
    if answers && ! ip link show docker0 >/dev/null 2>&1; then
        local gateway subnet
        gateway=$("$DOCKER" network inspect bridge -f '{{(index .IPAM.Config 0).Gateway}}' 2>/dev/null || echo 172.17.0.1)
        subnet=$("$DOCKER" network inspect bridge -f '{{(index .IPAM.Config 0).Subnet}}' 2>/dev/null || echo 172.17.0.0/16)
        echo "engine-up: docker0 bridge missing, recreating $gateway/${subnet#*/}" >&2
        ip link add docker0 type bridge && ip addr add "$gateway/${subnet#*/}" dev docker0 && ip link set docker0 up
    fi
}

if answers; then
    repair_bridge
    echo "engine-up: engine already answers ($("$DOCKER" version --format '{{.Server.Version}} API {{.Server.APIVersion}}'))" >&2
    exit 0
fi

echo "engine-up: starting dockerd" >&2
log=/var/log/baseshift-dockerd.log
# setsid: the engine outlives the shell (and job control group) that started it.
setsid nohup dockerd --iptables=false >"$log" 2>&1 </dev/null &
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
