#!/usr/bin/env bash
# Runs a JMH benchmark class from src/test/java/dev/baseshift/bench in a plain JVM (JMH forks need a real classpath,
# which exec:java does not give them). Usage: src/test/bench/jmh.sh PlanBenchmark [JMH options…]
set -euo pipefail
cd "$(dirname "$0")/../../.."
bench=${1:?benchmark class, e.g. PlanBenchmark}; shift
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
java -cp "$cp" org.openjdk.jmh.Main "dev.baseshift.bench.$bench" "$@"
