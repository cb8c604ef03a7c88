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
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
REPS=${REPS:-5}
NET_WARMUP_MS=${NET_WARMUP_MS:-2000}
NET_MEASURE_MS=${NET_MEASURE_MS:-3000}
JVM_OPTS=${JVM_OPTS:-"-Xmx1g"}
OUT=${OUT:-$ROOT/target/bench/churn-ab-$(date -u +%Y%m%dT%H%M%SZ)}
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
      opts=$(agent_option "$c")
      # shellcheck disable=SC2086
      "$jdk/bin/java" $JVM_OPTS $opts -cp "$CLASSES" dev.portwatch.bench.NetChurn "$NET_WARMUP_MS" \
        "$NET_MEASURE_MS" tcp-socket tcp-channel > "$OUT/run.txt" 2>&1 || echo "warning: $j $c $r failed" >&2
      awk -v j="$j" -v c="$c" -v r="$r" '/^RESULT /{print "net," j "," c "," r "," $2 "," $3 "," $4}' \
        "$OUT/run.txt" >> "$CSV"
    done
  done
done

# Median per (jdk, config, metric), then the ratio to no agent's median on the same JDK.
printf "| JDK | config | metric | median | ratio to none | min-max |\n|---|---|---|---:|---:|---|\n"
tail -n +2 "$CSV" | sort -t, -k2,2 -k3,3 -k5,5 -k6,6g | awk -F, '
  { key = $2 "," $3 "," $5; v[key, ++n[key]] = $6 }
  END {
    for (key in n) { c = n[key]; m = (c % 2) ? v[key, (c + 1) / 2] : (v[key, c / 2] + v[key, c / 2 + 1]) / 2;
      med[key] = m; lo[key] = v[key, 1]; hi[key] = v[key, c] }
    for (key in med) { split(key, p, ","); none = med[p[1] ",none," p[3]];
      printf "| %s | %s | %s | %.0f | %.2f | %.0f-%.0f |\n", p[1], p[2], p[3], med[key], med[key] / none, lo[key], hi[key] }
  }' | sort
echo "load (1-min) min/median/max: $(awk '{print $2}' "$OUT/load.txt" | sort -g | awk '{a[NR]=$1} END{print a[1] " / " a[int((NR+1)/2)] " / " a[NR]}')"
