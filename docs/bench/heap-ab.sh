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
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
REPS=${REPS:-3}
CONNECTIONS=${CONNECTIONS:-10000}
JVM_OPTS=${JVM_OPTS:-"-Xmx1g"}
OUT=${OUT:-$ROOT/target/bench/heap-ab-$(date -u +%Y%m%dT%H%M%SZ)}
CLASSES=${CLASSES:-$ROOT/agent/target/test-classes}
CSV=$OUT/results.csv
mkdir -p "$OUT"
echo "workload,jdk,config,rep,metric,value,unit" > "$CSV"

. "$ROOT/docs/bench/agent-configs.sh"
agent_configs "$@"
sample_load "$OUT/load.txt"

for r in $(seq "$REPS"); do
  for jdk in $JDKS; do
    j=$(jdk_feature "$jdk")
    for c in "${configs[@]}"; do
      for w in OpenConnections AcceptedConnections; do
        log=$OUT/$w-$j-$c-$r.txt
        # shellcheck disable=SC2046,SC2086
        "$jdk/bin/java" $JVM_OPTS $(agent_option "$c") -Dbench.histogram="$OUT/histogram-$w-$j-$c-$r.txt" \
          -cp "$CLASSES" "dev.portwatch.bench.$w" "$CONNECTIONS" 3 > "$log" 2>&1 || echo "warning: $log failed" >&2
        awk -v w="$w" -v j="$j" -v c="$c" -v r="$r" '/^RESULT /{print w "," j "," c "," r "," $2 "," $3 "," $4}' \
          "$log" >> "$CSV"
      done
    done
  done
done

echo "heap per connection, minus no agent's (median and min-max of the repetitions):"
printf "| workload | JDK | config | median | min-max |\n|---|---|---|---:|---|\n"
grep ',heap_per_connection,' "$CSV" | sort -t, -k1,1 -k2,2 -k3,3 -k6,6g | awk -F, '
  { key = $1 "," $2 "," $3; v[key, ++n[key]] = $6 }
  END {
    for (key in n) { c = n[key]; med[key] = (c % 2) ? v[key, (c + 1) / 2] : (v[key, c / 2] + v[key, c / 2 + 1]) / 2;
      lo[key] = v[key, 1]; hi[key] = v[key, c] }
    for (key in med) { split(key, p, ","); if (p[3] == "none") continue; none = med[p[1] "," p[2] ",none"];
      printf "| %s | %s | %s | %.1f B | %.1f-%.1f B |\n", p[1], p[2], p[3], med[key] - none, lo[key] - none,
        hi[key] - none }
  }' | sort

echo
echo "per-connection objects from the histograms of repetition 1 (instances and bytes more than no agent's):"
for w in OpenConnections AcceptedConnections; do
  for jdk in $JDKS; do
    j=$(jdk_feature "$jdk")
    for c in "${configs[@]}"; do
      [ "$c" = none ] && continue
      awk -v n="$CONNECTIONS" -v label="$w $j $c" '
        FNR == 1 { file++ }
        # the name of a lambda class holds a number and its address, which differ from run to run
        $1 ~ /^[0-9]+:$/ { k = $4; sub(/\/0x[0-9a-f]+$/, "", k); sub(/\$\$Lambda\$[0-9]+/, "$$Lambda", k);
          if (file == 1) { base_i[k] += $2; base_b[k] += $3 } else { i[k] += $2; b[k] += $3 } }
        END {
          for (k in i) { di = i[k] - base_i[k]; db = b[k] - base_b[k];
            if (di >= n / 2) { printf "%s  %-60s %+8d instances %8.1f B/connection\n", label, k, di, db / n;
              total += db / n } }
          printf "%s  %-60s %8s %18.1f B/connection\n", label, "sum of the above", "", total
        }' "$OUT/histogram-$w-$j-none-1.txt" "$OUT/histogram-$w-$j-$c-1.txt"
    done
  done
done
echo "load (1-min) min/median/max: $(awk '{print $2}' "$OUT/load.txt" | sort -g | awk '{a[NR]=$1} END{print a[1] " / " a[int((NR+1)/2)] " / " a[NR]}')"
