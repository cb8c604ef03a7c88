#!/usr/bin/env bash
# GET /metrics and /connections.json at 10,000 open connections (ScrapeBenchmark), two or more agent jars
# interleaved on each JDK:   docs/bench/scrape-ab.sh name=path/to/a.jar name=path/to/b.jar
# Each repetition runs every jar once on each JDK, so a change of the machine's load hits them alike. Needs
# agent/target/test-classes (mvn -q package -DskipTests). Raw output and the 1-min load (every 10 s) in $OUT;
# prints each run's /metrics and /connections.json lines (median, p90, min; CPU per request of the whole JVM and of
# the agent's threads alone, in ms).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
REPS=${REPS:-3}
PAIRS=${PAIRS:-5000}
OUT=${OUT:-$ROOT/target/bench/scrape-ab-$(date -u +%Y%m%dT%H%M%SZ)}
CLASSES=${CLASSES:-$ROOT/agent/target/test-classes}
mkdir -p "$OUT"
. "$ROOT/docs/bench/agent-configs.sh"
agent_configs "$@"
sample_load "$OUT/load.txt"

for r in $(seq "$REPS"); do
  for jdk in $JDKS; do
    j=$(jdk_feature "$jdk")
    for name in "${configs[@]:1}"; do  # every agent jar; no agent, no endpoint to scrape
      out="$OUT/$name-jdk$j-$r.txt"
      # shellcheck disable=SC2046
      "$jdk/bin/java" -Xms512m -Xmx1g -XX:+UseParallelGC $(agent_option "$name") -cp "$CLASSES" \
        dev.portwatch.bench.ScrapeBenchmark "$PAIRS" > "$out" 2>&1 || echo "warning: $name $j $r failed" >&2
      printf '%-8s jdk%-3s rep %s %s\n' "$name" "$j" "$r" "$(grep -E '^GET /(connections.json|metrics )' "$out" \
        | awk '{printf "%s med %s p90 %s min %s cpu %s agent %s | ", $2, $(NF-5), $(NF-4), $(NF-3), $(NF-1), $NF}')"
    done
  done
done
echo "load: $(head -1 "$OUT/load.txt") .. $(tail -1 "$OUT/load.txt")"
