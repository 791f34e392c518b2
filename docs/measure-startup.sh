#!/bin/sh
# Time from JVM start to the first window of `java -jar target/baseshift.jar` (the bundled sample), N runs under Xvfb.
# Usage: docs/measure-startup.sh [runs]   (after mvn package; needs Xvfb and GTK 3)
set -eu
runs=${1:-5}
cd "$(dirname "$0")/.."
display=:97
Xvfb $display -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
tmp=$(mktemp -d)
trap 'kill $xvfb; rm -rf "$tmp"' EXIT
sleep 1
for i in $(seq "$runs"); do
    DISPLAY=$display XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config \
        java -Dbaseshift.timing=true -jar target/baseshift.jar >"$tmp/run$i.log" 2>&1 &
    app=$!
    sleep 12
    kill $app 2>/dev/null || true
    wait $app 2>/dev/null || true
done
cat "$tmp"/run*.log | grep -o 'window shown [0-9]*' | awk '{print $3}' | sort -n \
    | awk '{a[NR]=$1} END {printf "first window (ms after JVM start): min %d, median %d, max %d over %d runs\n", a[1], a[int((NR+1)/2)], a[NR], NR}'
