#!/usr/bin/env bash
# Direct memory A/B: what the agent costs an application with a small -XX:MaxDirectMemorySize.
# For each JDK and each case, interleaved runs of the base jar and the new one, each running DirectMemoryScenario
# (agent/target/test-classes) with -Xlog:gc: "64k" churns 2,000 connections under a 64 KiB limit; "1m-held" first
# has the application hold all but 8 KiB of a 1 MiB limit. After the churn it fetches /connections.json once.
# One line per run: the System.gc() collections and their pause, the endpoint's status, closed rows, the
# application's direct memory in use before and after.
# Usage: docs/bench/direct-memory-ab.sh BASE_JAR NEW_JAR [RUNS] > results.txt
set -uo pipefail
base=$1 new=$2 runs=${3:-3}
classes=${CLASSES:-agent/target/test-classes}
jdks=${JDKS:-/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
one() { # jdk jar limit hold
    local jdk=$1 jar=$2 limit=$3 hold=$4 url status closed
    {
        sleep 3
        [ "$hold" = yes ] && printf 'hold 1048576 8192\n'
        printf 'used\nchurn 2000\n'; sleep 8; printf 'used\nexit\n'
    } | timeout 60 "$jdk/bin/java" -Xmx256m -XX:MaxDirectMemorySize="$limit" -Xlog:gc:stderr \
        -javaagent:"$jar"=port=0,closedRetention=60s -cp "$classes" dev.portwatch.it.DirectMemoryScenario \
        >"$work/out" 2>"$work/err" &
    sleep 9
    url=$(grep -o 'http://[^ ]*/connections' "$work/err" | head -1 || true)
    status=$(curl -s -m 10 -o "$work/json" -w '%{http_code}' "$url.json" || true)
    closed=$(grep -o '"state":"CLOSED"' "$work/json" 2>/dev/null | wc -l)
    wait || true
    local gcs pause used
    gcs=$(grep -c 'System.gc()' "$work/err" || true)
    pause=$(grep 'System.gc()' "$work/err" | grep -o '[0-9.]*ms$' | tr -d ms | paste -sd+ | bc 2>/dev/null || echo 0)
    used=$(grep -o 'used=[0-9]*' "$work/out" | cut -d= -f2 | paste -sd' ')
    echo "$(basename "$jdk") limit=$limit held=$hold jar=$(basename "$jar") systemgc=$gcs systemgc_ms=${pause:-0}" \
        "http=$status closed=$closed used=[$used] oom=$(grep -c OutOfMemoryError "$work/err" || true)" \
        "load=$(cut -d' ' -f1 /proc/loadavg)"
}
for jdk in $jdks; do
    for run in $(seq "$runs"); do
        for jar in "$base" "$new"; do
            one "$jdk" "$jar" 64k no
            one "$jdk" "$jar" 1m yes
        done
    done
done
