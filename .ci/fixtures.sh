#!/usr/bin/env bash
# Creates BaseShift's test base images without any registry, via `docker import`. The names are a contract used by
# the tests:
#   bsfixture/tiny:full      busybox-static with a shell and applets, plus ~4 MB of filler
#   bsfixture/tiny:musl      musl libc + busybox-static
#   bsfixture/tiny:noshell   one static binary (busybox named echo/cat/true), no shell
#   bsfixture/py:full        Debian bookworm minbase + python3, python3-numpy, gcc, make
#   bsfixture/py:slim        Debian bookworm minbase + python3
#   bsfixture/py:distroless  python3 + numpy without shell, apt or dpkg
# Each image carries the label dev.baseshift.fixture=<hash of this recipe and its inputs>; a rerun skips families
# whose images already carry the right hash, and the debootstrap trees are cached in $BASESHIFT_FIXTURE_CACHE.
set -euo pipefail

DOCKER=/usr/bin/docker
CACHE=${BASESHIFT_FIXTURE_CACHE:-/var/cache/baseshift-fixtures}
LABEL=dev.baseshift.fixture
SELF=$(readlink -f "${BASH_SOURCE[0]}")
mkdir -p "$CACHE"

# Several agents may run this at once on a shared engine: one at a time.
exec 9>"$CACHE/.lock"
flock 9

log() { echo "fixtures: $*" >&2; }

need_packages() {
    local missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    if ((${#missing[@]})); then
        log "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
            || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
    fi
}

# True when every named image exists and carries the expected hash.
up_to_date() {
    local hash=$1; shift
    for image in "$@"; do
        local have
        have=$("$DOCKER" image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "$image" 2>/dev/null) || return 1
        [[ $have == "$hash" ]] || return 1
    done
}

# import TARBALL IMAGE HASH CHANGE... : the old image under that tag (if any) is left dangling, so remove it.
import_tar() {
    local tar=$1 image=$2 hash=$3; shift 3
    local old
    old=$("$DOCKER" image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
    local args=(--change "LABEL $LABEL=$hash")
    for c in "$@"; do args+=(--change "$c"); done
    "$DOCKER" import "${args[@]}" "$tar" "$image" >/dev/null
    local new
    new=$("$DOCKER" image inspect -f '{{.Id}}' "$image")
    if [[ -n $old && $old != "$new" ]]; then "$DOCKER" image rm "$old" >/dev/null 2>&1 || true; fi
    log "$image $("$DOCKER" image inspect -f '{{.Size}}' "$image") bytes"
}

# --one-file-system: never pack a mounted /proc by accident.
pack() { tar --numeric-owner --sort=name --one-file-system -C "$1" -cf "$2" .; }

PATH_ENV='ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

tiny_family() {
    need_packages busybox-static musl
    local hash
    hash=$({ sed -n '/^tiny_family()/,/^}/p' "$SELF"; dpkg-query -W busybox-static musl; } | sha256sum | cut -c1-16)
    if up_to_date "$hash" bsfixture/tiny:full bsfixture/tiny:musl bsfixture/tiny:noshell; then
        log "tiny family up to date ($hash)"; return
    fi
    local work
    work=$(mktemp -d)
    trap 'rm -rf "$work"' RETURN

    # full: busybox with every applet linked, and filler so its size differs clearly from the others.
    local full=$work/full
    mkdir -p "$full"/{bin,sbin,usr/bin,usr/sbin,tmp,etc,root,usr/share/filler}
    chmod 1777 "$full/tmp"
    cp /bin/busybox "$full/bin/busybox"
    busybox --list-full | while read -r applet; do
        [[ -e $full/$applet ]] || ln -s /bin/busybox "$full/$applet"
    done
    echo 'root:x:0:0:root:/root:/bin/sh' >"$full/etc/passwd"
    for i in 1 2 3 4; do head -c 1000000 < <(yes "baseshift filler $i") >"$full/usr/share/filler/part$i"; done
    pack "$full" "$work/full.tar"
    import_tar "$work/full.tar" bsfixture/tiny:full "$hash" "$PATH_ENV" 'CMD ["/bin/sh"]'

    # musl: the musl loader and libc from Debian's package, plus busybox.
    local musl=$work/musl
    mkdir -p "$musl"/{bin,tmp,etc}
    chmod 1777 "$musl/tmp"
    dpkg -L musl | while read -r f; do
        if [[ ! -d $f ]] && [[ $f != /usr/share/* ]]; then
            mkdir -p "$musl$(dirname "$f")"; cp -a "$f" "$musl$f"
        fi
    done
    cp /bin/busybox "$musl/bin/busybox"
    for applet in sh ls cat echo true false env; do ln -s busybox "$musl/bin/$applet"; done
    pack "$musl" "$work/musl.tar"
    import_tar "$work/musl.tar" bsfixture/tiny:musl "$hash" "$PATH_ENV" 'CMD ["/bin/sh"]'

    # noshell: one static binary under the names echo/cat/true (busybox picks the applet from argv[0]); no sh.
    local noshell=$work/noshell
    mkdir -p "$noshell/bin"
    cp /bin/busybox "$noshell/bin/echo"
    ln -s echo "$noshell/bin/cat"
    ln -s echo "$noshell/bin/true"
    pack "$noshell" "$work/noshell.tar"
    import_tar "$work/noshell.tar" bsfixture/tiny:noshell "$hash" "$PATH_ENV" 'CMD ["/bin/echo", "noshell"]'
}

debian_mirror() {
    local uri
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    echo "${uri:-http://deb.debian.org/debian}"
}

# chroot_apt DIR PACKAGES...: install without recommends (with /proc mounted only meanwhile), then drop caches so
# the tree holds only the packages.
chroot_apt() {
    local dir=$1; shift
    mount -t proc proc "$dir/proc"
    local rc=0
    { chroot "$dir" apt-get update -qq \
        && chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
        && chroot "$dir" apt-get clean; } >"$dir.apt.log" 2>&1 || rc=$?
    umount "$dir/proc"
    if ((rc)); then tail -n 30 "$dir.apt.log" >&2; return "$rc"; fi
    rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/cache/debconf/*-old "$dir"/var/log/*.log
}

py_family() {
    need_packages debootstrap
    local mirror hash
    mirror=$(debian_mirror)
    hash=$({ sed -n '/^py_family()/,/^}/p;/^chroot_apt()/,/^}/p' "$SELF"; echo "$mirror"; } | sha256sum | cut -c1-16)
    if up_to_date "$hash" bsfixture/py:full bsfixture/py:slim bsfixture/py:distroless; then
        log "py family up to date ($hash)"; return
    fi
    # The debootstrap tree depends only on the mirror: cached apart so recipe changes do not repeat it.
    local boot
    boot=$CACHE/minbase-$(echo "bookworm $mirror" | sha256sum | cut -c1-16)
    if [[ ! -f $boot/done ]]; then
        rm -rf "$boot"; mkdir -p "$boot"
        log "debootstrap bookworm from $mirror (a few minutes, once)"
        debootstrap --variant=minbase bookworm "$boot/root" "$mirror" >"$boot/debootstrap.log" 2>&1 \
            || { tail -n 30 "$boot/debootstrap.log" >&2; exit 1; }
        touch "$boot/done"
    fi
    local cache=$CACHE/py-$hash
    if [[ ! -f $cache/done ]]; then
        rm -rf "$cache"; mkdir -p "$cache"
        local root=$cache/root
        cp -a "$boot/root" "$root"

        log "py:slim = minbase + python3"
        chroot_apt "$root" python3
        pack "$root" "$cache/slim.tar"

        log "py:distroless = python3 + numpy, then no shell, apt or dpkg"
        chroot_apt "$root" python3-numpy
        local dl=$cache/distroless
        cp -a "$root" "$dl"
        rm -rf "$dl"/usr/bin/{sh,bash,rbash,dash,apt,apt-get,apt-cache,apt-config,apt-mark,apt-key} \
               "$dl"/usr/bin/dpkg* "$dl"/usr/sbin/dpkg* "$dl"/usr/lib/apt "$dl"/usr/lib/dpkg "$dl"/etc/apt \
               "$dl"/etc/dpkg "$dl"/var/lib/apt "$dl"/var/cache/apt "$dl"/var/lib/dpkg
        pack "$dl" "$cache/distroless.tar"
        rm -rf "$dl"

        log "py:full = python3 + numpy + gcc, make"
        chroot_apt "$root" gcc make libc6-dev
        pack "$root" "$cache/full.tar"
        rm -rf "$root"
        touch "$cache/done"
    fi
    import_tar "$cache/full.tar" bsfixture/py:full "$hash" "$PATH_ENV" 'CMD ["python3"]'
    import_tar "$cache/slim.tar" bsfixture/py:slim "$hash" "$PATH_ENV" 'CMD ["python3"]'
    import_tar "$cache/distroless.tar" bsfixture/py:distroless "$hash" "$PATH_ENV" 'CMD ["python3"]'
    # Trees of an older recipe are useless now.
    find "$CACHE" -maxdepth 1 -name 'py-*' ! -name "py-$hash" -exec rm -rf {} +
}

start=$SECONDS
tiny_family
py_family
log "done in $((SECONDS - start)) s"
