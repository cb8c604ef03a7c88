#!/usr/bin/env bash
# Heap per open connection (OpenConnections, a client's sockets) and per accepted connection (AcceptedConnections)
# of two or more builds of the agent jar, interleaved with runs without any agent:
#
#   docs/bench/heap-ab.sh name=path/to/a.jar name=path/to/b.jar
#
# Each repetition runs both workloads once on each JDK without an agent and with each jar. Every run writes its class
# histogram (jcmd GC.class_histogram) with the connections open. Prints the median heap per connection minus no
# agent's, and, from the histograms of the first repetition, every class with at least half as many more instances
# as there are connections (the objects each row costs), in bytes per connection. Needs agent/target/test-classes
# (mvn -q package -DskipTests). Raw data, histograms and the 1-min load (every 10 s) in $OUT.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REPS=${REPS:-3}
CONNECTIONS=${CONNECTIONS:-10000}
JVM_OPTS=${JVM_OPTS:-"-Xmx1g"}
WORKLOADS="OpenConnections AcceptedConnections"
. "$ROOT/docs/bench/lib/ab-runs.sh"
ab_setup heap-ab "$@"
CSV=$OUT/results.csv
echo "workload,jdk,config,rep,metric,value,unit" > "$CSV"

heap() { # $1 jdk, $2 its feature release, $3 workload, $4 config, $5 repetition
  local log=$OUT/$3-$2-$4-$5.txt
  # shellcheck disable=SC2046,SC2086
  "$1/bin/java" $JVM_OPTS $(agent_option "$4") -Dbench.histogram="$OUT/histogram-$3-$2-$4-$5.txt" \
    -cp "$CLASSES" "dev.portwatch.bench.$3" "$CONNECTIONS" 3 > "$log" 2>&1 || echo "warning: $log failed" >&2
  awk -v w="$3" -v j="$2" -v c="$4" -v r="$5" '/^RESULT /{print w "," j "," c "," r "," $2 "," $3 "," $4}' \
    "$log" >> "$CSV"
}
ab_runs "$REPS" heap

echo "heap per connection, minus no agent's (median and min-max of the repetitions):"
printf "| workload | JDK | config | median | min-max |\n|---|---|---|---:|---|\n"
grep ',heap_per_connection,' "$CSV" | ab_medians "1 2 3" 6 3 | awk -F, '$3 != "none" {
  printf "| %s | %s | %s | %.1f B | %.1f-%.1f B |\n", $1, $2, $3, $4 - $7, $5 - $7, $6 - $7 }' | sort

echo
echo "per-connection objects from the histograms of repetition 1 (instances and bytes more than no agent's):"
objects() { # $1 jdk, $2 its feature release, $3 workload, $4 config
  [ "$4" != none ] || return 0
  awk -v n="$CONNECTIONS" -v label="$3 $2 $4" '
    FNR == 1 { file++ }
    # the name of a lambda class holds a number and its address, which differ from run to run
    $1 ~ /^[0-9]+:$/ { k = $4; sub(/\/0x[0-9a-f]+$/, "", k); sub(/\$\$Lambda\$[0-9]+/, "$$Lambda", k);
      if (file == 1) { base_i[k] += $2; base_b[k] += $3 } else { i[k] += $2; b[k] += $3 } }
    END {
      for (k in i) { di = i[k] - base_i[k]; db = b[k] - base_b[k];
        if (di >= n / 2) { printf "%s  %-60s %+8d instances %8.1f B/connection\n", label, k, di, db / n;
          total += db / n } }
      printf "%s  %-60s %8s %18.1f B/connection\n", label, "sum of the above", "", total
    }' "$OUT/histogram-$3-$2-none-1.txt" "$OUT/histogram-$3-$2-$4-1.txt"
}
ab_runs 1 objects
ab_load
