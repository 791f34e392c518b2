#!/usr/bin/env bash
# Prints the path of a Debian 13 (trixie) minbase root with Debian's docker.io (Docker 26) and docker-buildx
# installed, making it once: debootstrap from the same mirror as the host, then apt-get inside it. The tree is cached
# in $BASESHIFT_FIXTURE_CACHE (like the fixture trees), keyed by this recipe and the mirror; a rerun only prints.
set -euo pipefail

CACHE=${BASESHIFT_FIXTURE_CACHE:-/var/cache/baseshift-fixtures}
SELF=$(readlink -f "${BASH_SOURCE[0]}")
PACKAGES=(docker.io docker-buildx ca-certificates)
mkdir -p "$CACHE"
log() { echo "trixie-root: $*" >&2; }

mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}
key=$({ sed -n '/^PACKAGES=/p;/^make_root()/,/^}/p' "$SELF"; echo "$mirror"; } | sha256sum | cut -c1-16)
dir=$CACHE/trixie-docker-$key

make_root() {
    local root=$1
    command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
    debootstrap --variant=minbase trixie "$root" "$mirror" >"$dir/debootstrap.log" 2>&1 \
        || { tail -n 30 "$dir/debootstrap.log" >&2; return 1; }
    mount -t proc proc "$root/proc"
    local rc=0
    { chroot "$root" apt-get update -qq \
        && chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${PACKAGES[@]}" \
        && chroot "$root" apt-get clean; } >"$dir/apt.log" 2>&1 || rc=$?
    umount "$root/proc"
    if ((rc)); then tail -n 30 "$dir/apt.log" >&2; return "$rc"; fi
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin
}

exec 9>"$CACHE/.trixie.lock"
flock 9
if [[ ! -f $dir/done ]]; then
    rm -rf "$dir"; mkdir -p "$dir"
    start=$SECONDS
    log "debootstrap trixie + ${PACKAGES[*]} from $mirror (once; a few minutes)"
    make_root "$dir/root"
    touch "$dir/done"
    log "made $dir/root in $((SECONDS - start)) s ($(chroot "$dir/root" dockerd --version))"
    # Roots of an older recipe or mirror are useless now.
    find "$CACHE" -maxdepth 1 -name 'trixie-docker-*' ! -name "trixie-docker-$key" -exec rm -rf {} +
fi
echo "$dir/root"
