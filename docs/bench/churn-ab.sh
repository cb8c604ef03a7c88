#!/usr/bin/env bash
# TCP connect/close churn (NetChurn tcp-socket and tcp-channel) of two or more builds of the agent jar, interleaved
# with runs without any agent:
#
#   docs/bench/churn-ab.sh name=path/to/a.jar name=path/to/b.jar
#
# Each repetition runs the churn once on each JDK without an agent and with each jar, so a change in the machine's
# load hits them all alike. Needs agent/target/test-classes (mvn -q package -DskipTests). Prints the median
# connections/s of each and its ratio to no agent's; raw data and the 1-min load (every 10 s) in $OUT.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REPS=${REPS:-5}
NET_WARMUP_MS=${NET_WARMUP_MS:-2000}
NET_MEASURE_MS=${NET_MEASURE_MS:-3000}
JVM_OPTS=${JVM_OPTS:-"-Xmx1g"}
WORKLOADS=net  # one JVM runs both NetChurn workloads, one after the other
. "$ROOT/docs/bench/lib/ab-runs.sh"
ab_setup churn-ab "$@"
CSV=$OUT/results.csv
echo "workload,jdk,config,rep,metric,value,unit" > "$CSV"

churn() { # $1 jdk, $2 its feature release, $3 workload, $4 config, $5 repetition
  # shellcheck disable=SC2046,SC2086
  "$1/bin/java" $JVM_OPTS $(agent_option "$4") -cp "$CLASSES" dev.portwatch.bench.NetChurn "$NET_WARMUP_MS" \
    "$NET_MEASURE_MS" tcp-socket tcp-channel > "$OUT/run.txt" 2>&1 || echo "warning: $2 $4 $5 failed" >&2
  awk -v j="$2" -v c="$4" -v r="$5" '/^RESULT /{print "net," j "," c "," r "," $2 "," $3 "," $4}' \
    "$OUT/run.txt" >> "$CSV"
}
ab_runs "$REPS" churn

printf "| JDK | config | metric | median | ratio to none | min-max |\n|---|---|---|---:|---:|---|\n"
tail -n +2 "$CSV" | ab_medians "2 3 5" 6 3 | awk -F, '
  { printf "| %s | %s | %s | %.0f | %.2f | %.0f-%.0f |\n", $1, $2, $3, $4, $4 / $7, $5, $6 }' | sort
ab_load
