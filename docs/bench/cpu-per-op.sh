#!/usr/bin/env bash
# CPU time per NetChurn op (user + system, all of the JVM's threads), without an agent and with each agent jar:
#
#   docs/bench/cpu-per-op.sh name=path/to/a.jar [name=path/to/b.jar ...]
#
# Each repetition runs every workload on each JDK for N1 and N2 ops (dev.portwatch.bench.CountedCycles) under
# /usr/bin/time, each configuration in turn; (CPU(N2) - CPU(N1)) / (N2 - N1) is what one op costs, the JVM's
# start-up cancelling out. CPU time rather than throughput: a busy machine stretches the wall clock of every
# configuration unevenly, much less the CPU each one spends. Prints the median µs per op of each and its
# difference to no agent's; raw data and the 1-min load in $OUT.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORKLOADS=${WORKLOADS:-"tcp-socket tcp-socket-any tcp-channel"}
REPS=${REPS:-3}
N1=${N1:-10000}
N2=${N2:-40000}
. "$ROOT/docs/bench/lib/ab-runs.sh"
ab_setup cpu-per-op "$@"
CSV=$OUT/results.csv
echo "workload,jdk,config,rep,us_per_op" > "$CSV"

cpu() { # seconds of user + system CPU of one run: $1 jdk, $2 config, $3 workload, $4 ops
  # shellcheck disable=SC2046
  /usr/bin/time -f "%U %S" -o "$OUT/time.txt" "$1/bin/java" -Xmx1g $(agent_option "$2") -cp "$CLASSES" \
    dev.portwatch.bench.CountedCycles "$3" "$4" > /dev/null 2>&1
  awk '{print $1 + $2}' "$OUT/time.txt"
}

per_op() { # $1 jdk, $2 its feature release, $3 workload, $4 config, $5 repetition
  local a b
  a=$(cpu "$1" "$4" "$3" "$N1")
  b=$(cpu "$1" "$4" "$3" "$N2")
  echo "$3,$2,$4,$5,$(awk -v a="$a" -v b="$b" -v n1="$N1" -v n2="$N2" 'BEGIN{printf "%.2f", (b-a)*1e6/(n2-n1)}')" \
    >> "$CSV"
}
ab_runs "$REPS" per_op

printf "| JDK | workload | config | median µs/op | minus none's | min-max |\n|---|---|---|---:|---:|---|\n"
tail -n +2 "$CSV" | ab_medians "2 1 3" 5 3 | awk -F, '
  { printf "| %s | %s | %s | %.1f | %+.1f | %.1f-%.1f |\n", $1, $2, $3, $4, $4 - $7, $5, $6 }' | sort
ab_load
