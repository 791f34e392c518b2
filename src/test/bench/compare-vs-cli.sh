#!/usr/bin/env bash
# Times the same comparison three ways on one project and engine, warm cache, in one run:
#   (a) the Docker CLI in a shell loop: build each Dockerfile.<tier>, inspect, history, run the probes, remove
#   (b) java -jar target/baseshift.jar compare PROJECT --parallel 1
#   (c) java -jar target/baseshift.jar compare PROJECT --parallel 2
# and prints the ratios and BaseShift's own overhead per variant ((b) - (a)) / variants.
# Usage: src/test/bench/compare-vs-cli.sh [PROJECT] [ROUNDS]   (default: the numpy-app test project, 3 rounds)
# Needs: a built jar (mvn -q -DskipTests package), the fixture images (.ci/fixtures.sh), python3.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
JAR=$ROOT/target/baseshift.jar
PROJECT=$(cd "${1:-$ROOT/src/test/resources/projects/numpy-app}" && pwd)
ROUNDS=${2:-3}
DOCKER=/usr/bin/docker
[[ -f $JAR ]] || { echo "no $JAR: run mvn -q -DskipTests package first" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
SLUG=bench-$$

# The variants and probes exactly as BaseShift plans them, so both sides do the same work.
java -jar "$JAR" plan "$PROJECT" --json >"$WORK/plan.json"
python3 - "$WORK" <<'PY'
import json, shlex, sys
work = sys.argv[1]
plan = json.load(open(f"{work}/plan.json"))
with open(f"{work}/tiers", "w") as t:
    for v in plan["variants"]:
        open(f"{work}/Dockerfile.{v['tier']}", "w").write(v["dockerfile"])
        t.write(v["tier"] + "\n")
with open(f"{work}/probes", "w") as p:
    for probe in plan["probes"]:
        if not probe["enabled"]:
            continue
        argv = [] if probe["command"] == "(image entrypoint)" else shlex.split(probe["command"])
        p.write("\t".join(argv) + "\n")   # an empty line = the image's own entrypoint
PY
mapfile -t TIERS <"$WORK/tiers"
N=${#TIERS[@]}

cli_loop() {
    local tier image
    for tier in "${TIERS[@]}"; do
        image=baseshift-bench/$SLUG:$tier
        if ! "$DOCKER" build -q --force-rm -f "$WORK/Dockerfile.$tier" -t "$image" "$PROJECT" >/dev/null 2>&1; then
            continue   # a variant that does not build: nothing to measure or probe
        fi
        "$DOCKER" image inspect -f '{{.Size}}' "$image" >/dev/null
        "$DOCKER" history --no-trunc --human=false "$image" >/dev/null
        while IFS=$'\t' read -r -a argv || [[ -n ${argv[*]:-} ]]; do
            timeout 40 "$DOCKER" run --rm --network none --memory 512m "$image" "${argv[@]}" >/dev/null 2>&1 || true
        done <"$WORK/probes"
        "$DOCKER" image rm "$image" >/dev/null
    done
}

baseshift() {
    java -jar "$JAR" compare "$PROJECT" --parallel "$1" >/dev/null 2>&1 || true
}

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }

echo "project: $PROJECT ($N variants, $(wc -l <"$WORK/probes") probes each), engine: $("$DOCKER" version -f '{{.Server.Version}}')"
echo "warm-up (not timed)…"
cli_loop; baseshift 1

declare -a A B C S
for ((r = 1; r <= ROUNDS; r++)); do
    t0=$(now); cli_loop; t1=$(now); baseshift 1; t2=$(now); baseshift 2; t3=$(now)
    java -jar "$JAR" plan "$PROJECT" >/dev/null; t4=$(now)
    A+=("$(elapsed "$t0" "$t1")"); B+=("$(elapsed "$t1" "$t2")"); C+=("$(elapsed "$t2" "$t3")")
    S+=("$(elapsed "$t3" "$t4")")
    echo "round $r: (a) CLI loop ${A[-1]} s   (b) compare --parallel 1 ${B[-1]} s   (c) compare --parallel 2 ${C[-1]} s" \
        "  (JVM start + plan ${S[-1]} s)"
done

python3 - "$N" "${A[*]}" "${B[*]}" "${C[*]}" "${S[*]}" <<'PY'
import statistics, sys
n = int(sys.argv[1])
a, b, c, s = (statistics.median(map(float, x.split())) for x in sys.argv[2:6])
print(f"median: (a) {a:.2f} s   (b) {b:.2f} s   (c) {c:.2f} s   JVM start + plan {s:.2f} s")
print(f"ratio (b)/(a) = {b / a:.2f}   (c)/(a) = {c / a:.2f}")
print(f"BaseShift overhead per variant ((b) - (a)) / {n} = {(b - a) / n * 1000:.0f} ms with the JVM start, "
      f"{(b - a - s) / n * 1000:.0f} ms without it")
print(f"load average now: {open('/proc/loadavg').read().split()[0]} on {__import__('os').cpu_count()} cores")
PY
