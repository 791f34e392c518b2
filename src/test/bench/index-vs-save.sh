#!/usr/bin/env bash
# Indexing a ~1 GB image (ImageIndexer: docker save streamed layer by layer, whiteouts applied, package databases
# read) against `docker save IMAGE > /dev/null` in the same run, and the heap it needs (IndexBenchmark).
# Usage: src/test/bench/index-vs-save.sh [IMAGE] [ROUNDS]   (default: a 1 GB image built here from bsfixture/py:full,
# with 600 MB of data and 20,000 small files, removed afterwards). Needs the fixtures (.ci/fixtures.sh).
# The JVM runs with -Xmx64m: the whole heap, baseline included, is the 64 MB budget; a layer or a file held in memory
# would end as an OutOfMemoryError (or as GC thrash, visible in the ratio).
set -euo pipefail
cd "$(dirname "$0")/../../.."
DOCKER=/usr/bin/docker
IMAGE=${1:-}
ROUNDS=${2:-3}
if [[ -z $IMAGE ]]; then
    IMAGE=baseshift-bench/index:1g
    trap '"$DOCKER" image rm "$IMAGE" >/dev/null 2>&1 || true' EXIT
    DOCKER_BUILDKIT=0 "$DOCKER" build -q -t "$IMAGE" - >/dev/null <<'DOCKERFILE'
FROM bsfixture/py:full
RUN head -c 300000000 /dev/urandom > /data1 && head -c 300000000 /dev/zero > /data2
RUN mkdir -p /many && cd /many && i=0; while [ $i -lt 20000 ]; do echo "file $i" > f$i; i=$((i+1)); done
DOCKERFILE
fi
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
java -Xmx64m -cp "$cp" dev.baseshift.bench.IndexBenchmark "$IMAGE" "$ROUNDS"
