#!/usr/bin/env bash
# The engine lanes, after the main `mvn verify` (which ran on the machine's Docker 20.10): Docker 26 through its
# local socket, over TCP with TLS and through a docker context, then Podman 4.3 — each runs the engine-tagged tests
# that matter for it against the already-compiled classes (surefire:test, no recompiling), with only that lane's
# environment. Everything it starts is torn down at the end, also on failure; the machine's dockerd is left alone.
#   BASESHIFT_LANES="d26-unix d26-tls d26-context podman"   which lanes (default: all four)
set -uo pipefail
cd "$(dirname "$0")/.."

LANES=${BASESHIFT_LANES:-d26-unix d26-tls d26-context podman}
D26=/run/baseshift-ci/d26
POD=/run/baseshift-ci/podman

# What each lane runs: the end-to-end compare on the fixture families with that engine's own sizes (tiny, numpy,
# CLI), probes (timeouts, missing executables), cancel and cleanup, plus the engine-specific cases (discovery,
# heredocs, failed builds leave no untagged images).
CORE='EngineLaneTest,ComparisonServiceEngineTest,CompareCommandTest#numpyAppEndToEndGivesTheCliNumbersProbeOutcomesRecommendationAndReports'
declare -A TESTS=(
    [d26-unix]="$CORE,DockerEngineTest"
    [d26-tls]="EngineLaneTest,CompareCommandTest#numpyAppEndToEndGivesTheCliNumbersProbeOutcomesRecommendationAndReports,ComparisonServiceEngineTest#tinyFamilyGivesTheDockerCliNumbersAndKeepsImagesWhenAsked+cancelStopsBuildsAndRemovesEverythingTheRunMade"
    [d26-context]="EngineLaneTest,CompareCommandTest#numpyAppEndToEndGivesTheCliNumbersProbeOutcomesRecommendationAndReports"
    [podman]="$CORE,RepairCommandTest#slimMissingNumpyIsDiagnosedFromTheOriginalsDpkgDatabasePatchedAndProven"
)
declare -A ENVFILE=([d26-unix]=$D26/unix.env [d26-tls]=$D26/tls.env [d26-context]=$D26/context.env
    [podman]=$POD/podman.env)

teardown() {
    bash .ci/docker26.sh down || true
    bash .ci/podman.sh down || true
}
trap teardown EXIT

if [ ! -d target/test-classes ]; then mvn -B -q -o test-compile || mvn -B -q test-compile; fi

summary=()
failed=0
up() { # engine
    local t=$SECONDS
    if bash ".ci/$1.sh" up; then summary+=("$1 up: $((SECONDS - t)) s"); return 0; fi
    summary+=("$1 up: FAILED after $((SECONDS - t)) s"); failed=1; return 1
}
lane() { # name
    local name=$1 t=$SECONDS rc=0
    echo "=== lane $name: ${TESTS[$name]}" >&2
    # Only the lane's own variables: nothing of the caller's DOCKER_* may leak in.
    env -u DOCKER_HOST -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH -u DOCKER_CONTEXT -u DOCKER_CONFIG \
        $(cat "${ENVFILE[$name]}") \
        mvn -B -o surefire:test -Dsurefire.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false \
        -Dtest="${TESTS[$name]}" || rc=$?
    rm -rf "target/surefire-reports-$name"; cp -r target/surefire-reports "target/surefire-reports-$name" || true
    if ((rc)); then failed=1; summary+=("lane $name: FAILED in $((SECONDS - t)) s"); else
        summary+=("lane $name: passed in $((SECONDS - t)) s"); fi
}

start=$SECONDS
case " $LANES " in *" d26-"*)
    if up docker26; then
        for l in d26-unix d26-tls d26-context; do case " $LANES " in *" $l "*) lane "$l" ;; esac; done
    fi
    bash .ci/docker26.sh down ;;
esac
case " $LANES " in *" podman "*)
    if up podman; then lane podman; fi
    bash .ci/podman.sh down ;;
esac

echo "=== engine lanes ($((SECONDS - start)) s):" >&2
printf '  %s\n' "${summary[@]}" >&2
exit "$failed"
