#!/usr/bin/env bash
# GET /metrics and /connections.json at 10,000 open connections (ScrapeBenchmark), two or more agent jars
# interleaved on each JDK:   docs/bench/scrape-ab.sh name=path/to/a.jar name=path/to/b.jar
# Each repetition runs every jar once on each JDK, so a change of the machine's load hits them alike. Needs
# agent/target/test-classes (mvn -q package -DskipTests). Raw output and the 1-min load (every 10 s) in $OUT;
# prints each run's /metrics and /connections.json lines (median, p90, min; CPU per request of the whole JVM and of
# the agent's threads alone, in ms).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REPS=${REPS:-3}
PAIRS=${PAIRS:-5000}
WORKLOADS=scrape
. "$ROOT/docs/bench/lib/ab-runs.sh"
ab_setup scrape-ab "$@"

scrape() { # $1 jdk, $2 its feature release, $3 workload, $4 config, $5 repetition
  [ "$4" != none ] || return 0  # no agent, no endpoint to scrape
  local out="$OUT/$4-jdk$2-$5.txt"
  # shellcheck disable=SC2046
  "$1/bin/java" -Xms512m -Xmx1g -XX:+UseParallelGC $(agent_option "$4") -cp "$CLASSES" \
    dev.portwatch.bench.ScrapeBenchmark "$PAIRS" > "$out" 2>&1 || echo "warning: $4 $2 $5 failed" >&2
  printf '%-8s jdk%-3s rep %s %s\n' "$4" "$2" "$5" "$(grep -E '^GET /(connections.json|metrics )' "$out" \
    | awk '{printf "%s med %s p90 %s min %s cpu %s agent %s | ", $2, $(NF-5), $(NF-4), $(NF-3), $(NF-1), $NF}')"
}
ab_runs "$REPS" scrape
ab_load
