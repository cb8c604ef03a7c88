#!/usr/bin/env bash
# What an idle JVM holds and has spent 20 s after its start, without an agent and with each portwatch jar given:
# resident memory (VmRSS), CPU time (user + system), and the JVM's Native Memory Tracking summary by category.
#
#   docs/bench/idle-footprint.sh [name=path/to/portwatch-agent.jar ...]   # default: portwatch=the built jar
#
# Runs dev.portwatch.bench.IdleMain (needs agent/target/test-classes: mvn -q package -DskipTests), interleaved:
# each repetition starts it once per JDK and configuration. Prints Markdown tables; raw data in $OUT.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REPS=${REPS:-3}
IDLE_SECONDS=${IDLE_SECONDS:-20}
. "$ROOT/docs/bench/lib/app-runs.sh"
app_setup idle-footprint nmt "$@"
echo "jdk,config,rep,rss_mb,cpu_ms,nmt_committed_mb" > "$OUT/results.csv"

idle() { # $1 jdk, $2 its feature release, $3 workload, $4 config, $5 repetition
  local pid rss cpu committed nmt=$OUT/nmt/$2-$4-$5
  app_java "$1" "$4"
  "${java_cmd[@]}" -XX:NativeMemoryTracking=summary -cp "$CLASSES" dev.portwatch.bench.IdleMain > "$nmt.out" 2>&1 &
  pid=$!
  sleep "$IDLE_SECONDS"
  rss=$(awk '/^VmRSS:/{printf "%.1f", $2/1024}' "/proc/$pid/status")
  cpu=$(awk -v t="$(getconf CLK_TCK)" '{sub(/.*\) /, ""); split($0, f, " "); printf "%.0f", (f[12]+f[13])*1000/t}' \
    "/proc/$pid/stat")
  "$1/bin/jcmd" "$pid" VM.native_memory summary scale=KB > "$nmt.txt" 2>&1 || true
  committed=$(awk '/^Total:/{for(i=1;i<=NF;i++) if ($i ~ /^committed=/){sub("committed=","",$i); sub("KB","",$i);
    printf "%.1f", $i/1024}}' "$nmt.txt")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$2,$4,$5,$rss,$cpu,$committed" >> "$OUT/results.csv"
}
app_runs "$REPS" idle
app_table idle
