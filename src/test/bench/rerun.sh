#!/usr/bin/env bash
# What a rerun costs, against the first run measured in the same run of this script, on one engine:
#   (1) first comparison after `baseshift clean` (every variant built; the RUN step takes 10 s)
#   (2) the same comparison again, nothing changed            -> goal: <= 0.2 x (1)
#   (3) again after changing only the file the Dockerfile copies last -> goal: <= 0.3 x (1)
#   (4) BaseShift's build of one variant after the same change, built alone (--parallel 1; its JSON buildSeconds)
#       against `docker build` of the same variant Dockerfile on the same warm cache -> goal: <= +100 ms
# Usage: src/test/bench/rerun.sh [ROUNDS]   (default 3; medians are printed)
# Needs: a built jar (mvn -q -DskipTests package), the fixture images (.ci/fixtures.sh), python3.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
JAR=$ROOT/target/baseshift.jar
ROUNDS=${1:-3}
DOCKER=/usr/bin/docker
[[ -f $JAR ]] || { echo "no $JAR: run mvn -q -DskipTests package first" >&2; exit 2; }

WORK=$(mktemp -d)
PROJECT=$WORK/rerun-app
trap 'java -jar "$JAR" clean "$PROJECT" >/dev/null 2>&1 || true; "$DOCKER" image rm -f bsbench/rerun-cli >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
mkdir -p "$PROJECT"
cat >"$PROJECT/Dockerfile" <<'EOF'
FROM bsfixture/tiny:full
RUN ["/bin/sh", "-c", "sleep 10 && echo expensive > /expensive"]
COPY app.txt /app.txt
CMD ["cat", "/app.txt"]
EOF
cat >"$PROJECT/.baseshift.json" <<'EOF'
{"bases": {"alpine": "bsfixture/tiny:musl"}, "tiers": ["alpine"], "probes": ["cat /app.txt", "cat /expensive"]}
EOF
echo "$$-v0" >"$PROJECT/app.txt"

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }
compare() { java -jar "$JAR" compare "$PROJECT" "$@" --json "$WORK/out.json" >/dev/null 2>"$WORK/err.txt" || { cat "$WORK/err.txt" >&2; exit 1; }; }
json_build() { python3 -c "import json,sys; v=[x for x in json.load(open('$WORK/out.json'))['variants'] if x['tier']==sys.argv[1]][0]; print(v['buildSeconds'], v['buildCache'])" "$1"; }

echo "engine: $("$DOCKER" version -f '{{.Server.Version}}'), $(nproc) cores"
java -jar "$JAR" plan "$PROJECT" --json >"$WORK/plan.json"
python3 -c "import json; v=[x for x in json.load(open('$WORK/plan.json'))['variants'] if x['tier']=='original'][0]; open('$WORK/Dockerfile.original','w').write(v['dockerfile'])"

declare -a F U C B D
for ((r = 1; r <= ROUNDS; r++)); do
    # an empty build cache for the first run: nothing of the last round's images may hold its layers
    "$DOCKER" image rm -f bsbench/rerun-cli >/dev/null 2>&1 || true
    java -jar "$JAR" clean "$PROJECT" >/dev/null
    t0=$(now); compare; t1=$(now)
    read -r _ cache < <(json_build original); [[ $cache == built ]] || { echo "round $r: first run was $cache" >&2; exit 1; }
    compare; t2=$(now)
    read -r _ cache < <(json_build original); [[ $cache == cached ]] || { echo "round $r: unchanged rerun was $cache" >&2; exit 1; }
    echo "$$-v$r" >"$PROJECT/app.txt"
    t3=$(now); compare; t4=$(now)
    read -r _ cache < <(json_build original); [[ $cache == built ]] || { echo "round $r: changed rerun was $cache" >&2; exit 1; }
    echo "$$-w$r" >"$PROJECT/app.txt"
    compare --parallel 1
    read -r bs cache < <(json_build original); [[ $cache == built ]] || { echo "round $r: alone was $cache" >&2; exit 1; }
    # the Docker CLI side's own warm cache of the same steps (not timed), then the same kind of change, timed
    "$DOCKER" build -q -f "$WORK/Dockerfile.original" -t bsbench/rerun-cli "$PROJECT" >/dev/null
    echo "$$-cli$r" >"$PROJECT/app.txt"
    warm=$("$DOCKER" image inspect -f '{{.Id}}' bsbench/rerun-cli)
    t5=$(now); "$DOCKER" build -q -f "$WORK/Dockerfile.original" -t bsbench/rerun-cli "$PROJECT" >/dev/null; t6=$(now)
    # it lost its tag to the timed build: leave no untagged image (unless it is a step of another image)
    "$DOCKER" image rm "$warm" >/dev/null 2>&1 || true
    echo "$$-v$r" >"$PROJECT/app.txt"
    F+=("$(elapsed "$t0" "$t1")"); U+=("$(elapsed "$t1" "$t2")"); C+=("$(elapsed "$t3" "$t4")")
    B+=("$bs"); D+=("$(elapsed "$t5" "$t6")")
    echo "round $r: first ${F[-1]} s   unchanged ${U[-1]} s   changed last file ${C[-1]} s   " \
        "variant build: BaseShift ${B[-1]} s, docker build ${D[-1]} s"
done

python3 - "${F[*]}" "${U[*]}" "${C[*]}" "${B[*]}" "${D[*]}" <<'PY'
import statistics, sys
f, u, c, b, d = (statistics.median(map(float, x.split())) for x in sys.argv[1:6])
print(f"median: first {f:.2f} s   unchanged {u:.2f} s ({u / f:.2f}x)   changed last file {c:.2f} s ({c / f:.2f}x)")
print(f"one variant's build after a change: BaseShift {b * 1000:.0f} ms, docker build {d * 1000:.0f} ms "
      f"(+{(b - d) * 1000:.0f} ms)")
print(f"load average now: {open('/proc/loadavg').read().split()[0]}")
PY
