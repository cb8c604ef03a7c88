#!/usr/bin/env bash
# The agent's first closed-ring chunk in a churning JVM, base jar against new, interleaved per JDK:
# DirectMemoryScenario (agent/target/test-classes) with no direct limit churns 2,000 connections, so the ring's
# chunks are allocated (direct: the limit is -Xmx). Printed: classes loaded in all and those of the management
# packages (java.lang.management, sun.management, com.sun.management), the span from the first to the last of
# those (-Xlog uptime), all counted before the scenario's own "used" (which looks the direct pool bean up itself);
# then the application's direct memory in use after the churn (16 KiB of the endpoint's plus the ring's chunks,
# 36 KiB each, when the budget could read the JDK's figures), and the process's user+sys CPU.
# Usage: docs/bench/directlookup/agent-ab.sh BASE_JAR NEW_JAR [RUNS] > results.txt
set -uo pipefail
base=$1 new=$2 runs=${3:-3}
classes=${CLASSES:-agent/target/test-classes}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for jdk in ${JDKS:-/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64}; do
  for run in $(seq "$runs"); do
    for jar in "$base" "$new"; do
      { sleep 3; printf 'churn 2000\n'; sleep 5; cp "$work/cl.log" "$work/before"; printf 'used\nexit\n'; } |
          /usr/bin/time -o "$work/time" -f '%U %S' timeout 60 "$jdk/bin/java" -Xmx256m \
          -Xlog:class+load:file="$work/cl.log":uptime -javaagent:"$jar"=port=0,closedRetention=60s \
          -cp "$classes" dev.portwatch.it.DirectMemoryScenario \
          >"$work/out" 2>"$work/err"
      mgmt=$(grep -E ' (java\.lang\.management|sun\.management|com\.sun\.management)' "$work/before")
      span=$(echo "$mgmt" | grep -o '^\[[0-9.]*s' | tr -d '[s' | sed -n '1p;$p' | paste -sd' ' |
          awk 'NF==2{printf "%.1f", ($2-$1)*1000} NF<2{printf "0"}')
      echo "$(basename "$jdk") jar=$(basename "$jar") classes=$(wc -l < "$work/before")" \
          "management=$(echo "$mgmt" | grep -c . ) management_span_ms=$span" \
          "used=[$(grep -o 'used=[0-9]*' "$work/out" | cut -d= -f2 | paste -sd' ')]" \
          "cpu_ms=$(awk '{printf "%d", ($1+$2)*1000}' "$work/time") load=$(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
