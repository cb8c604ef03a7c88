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
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
WORKLOADS=${WORKLOADS:-"tcp-socket tcp-socket-any tcp-channel"}
REPS=${REPS:-3}
N1=${N1:-10000}
N2=${N2:-40000}
OUT=${OUT:-$ROOT/target/bench/cpu-per-op-$(date -u +%Y%m%dT%H%M%SZ)}
CLASSES=${CLASSES:-$ROOT/agent/target/test-classes}
CSV=$OUT/results.csv
mkdir -p "$OUT"
echo "workload,jdk,config,rep,us_per_op" > "$CSV"

. "$ROOT/docs/bench/agent-configs.sh"
agent_configs "$@"
sample_load "$OUT/load.txt"

cpu() { # seconds of user + system CPU of one run: $1 jdk, $2 config, $3 workload, $4 ops
  local opts
  opts=$(agent_option "$2")
  # shellcheck disable=SC2086
  /usr/bin/time -f "%U %S" -o "$OUT/time.txt" "$1/bin/java" -Xmx1g $opts -cp "$CLASSES" \
    dev.portwatch.bench.CountedCycles "$3" "$4" > /dev/null 2>&1
  awk '{print $1 + $2}' "$OUT/time.txt"
}

for r in $(seq "$REPS"); do
  for jdk in $JDKS; do
    j=$(jdk_feature "$jdk")
    for w in $WORKLOADS; do
      for c in "${configs[@]}"; do
        a=$(cpu "$jdk" "$c" "$w" "$N1")
        b=$(cpu "$jdk" "$c" "$w" "$N2")
        echo "$w,$j,$c,$r,$(awk -v a="$a" -v b="$b" -v n1="$N1" -v n2="$N2" 'BEGIN{printf "%.2f", (b-a)*1e6/(n2-n1)}')" \
          >> "$CSV"
      done
    done
  done
done

printf "| JDK | workload | config | median µs/op | minus none's | min-max |\n|---|---|---|---:|---:|---|\n"
tail -n +2 "$CSV" | sort -t, -k1,1 -k2,2 -k3,3 -k5,5g | awk -F, '
  { key = $2 "," $1 "," $3; v[key, ++n[key]] = $5 }
  END {
    for (key in n) { c = n[key]; m = (c % 2) ? v[key, (c + 1) / 2] : (v[key, c / 2] + v[key, c / 2 + 1]) / 2;
      med[key] = m; lo[key] = v[key, 1]; hi[key] = v[key, c] }
    for (key in med) { split(key, p, ","); none = med[p[1] "," p[2] ",none"];
      printf "| %s | %s | %s | %.1f | %+.1f | %.1f-%.1f |\n", p[1], p[2], p[3], med[key], med[key] - none, lo[key], hi[key] }
  }' | sort
echo "load (1-min) min/median/max: $(awk '{print $2}' "$OUT/load.txt" | sort -g | awk '{a[NR]=$1} END{print a[1] " / " a[int((NR+1)/2)] " / " a[NR]}')"
