#!/usr/bin/env bash
# The first lookup of the direct memory limit and use, one fresh JVM per line: through the management beans
# ("beans", what DirectMemoryBudget did), through jdk.internal.misc.VM ("vm", what it does now), or none ("none").
# Printed: the lookup's wall time inside the JVM, the classes the JVM loaded in all (-Xlog:class+load), the
# process's user+sys CPU (/usr/bin/time, 10 ms ticks). Interleaved per JDK.
# Usage: docs/bench/directlookup/lookup-runs.sh [RUNS] > results.txt
set -uo pipefail
runs=${1:-5}
dir=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/lib/jvm/java-17-openjdk-amd64/bin/javac --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -d "$work" \
    "$dir/Lookup.java"
for jdk in ${JDKS:-/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64}; do
  for r in $(seq "$runs"); do
    for m in none beans vm; do
      out=$( { /usr/bin/time -f 'cpu_s=%U %S' "$jdk/bin/java" --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
          -Xlog:class+load:file="$work/cl.log" -cp "$work" Lookup $m; } 2>&1 )
      cpu=$(echo "$out" | grep cpu_s= | awk -F'[= ]' '{printf "%d", ($2+$3)*1000}')
      echo "$(basename "$jdk") $(echo "$out" | grep wall_us) classes=$(wc -l < "$work/cl.log")" \
          "proc_cpu_ms=$cpu load=$(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
