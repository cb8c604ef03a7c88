#!/usr/bin/env bash
# Times GET /metrics and GET /connections.json with 10,000 open connections in the table, on each JDK.
# Usage: docs/bench-scrape.sh [pairs]   (default: 10,000 pairs if the open-file limit allows 20,000 sockets, else 5,000)
# JDKs: PORTWATCH_BENCH_JDKS (comma-separated java homes), default the two the integration tests use.
set -euo pipefail
cd "$(dirname "$0")/.."

jdks=${PORTWATCH_BENCH_JDKS:-/usr/lib/jvm/java-17-openjdk-amd64,/usr/lib/jvm/temurin-25-jdk-amd64}
jar=agent/target/portwatch-agent.jar
classes=agent/target/test-classes

if [ ! -f "$jar" ] || [ ! -f "$classes/dev/portwatch/bench/ScrapeBenchmark.class" ]; then
  mvn -q package -DskipTests -pl agent
fi

limit=$(ulimit -n)
if [ -n "${1:-}" ]; then
  pairs=$1
elif [ "$limit" = unlimited ] || [ "$limit" -ge 20500 ]; then
  pairs=10000
else
  pairs=5000
fi
echo "open-file limit $limit: $pairs client sockets + $pairs accepted = $((2 * pairs)) open connections"

IFS=, read -ra homes <<< "$jdks"
for home in "${homes[@]}"; do
  echo
  echo "== $home"
  "$home/bin/java" -Xms512m -Xmx1g -XX:+UseParallelGC \
    -javaagent:"$jar"=port=0 -cp "$classes" dev.portwatch.bench.ScrapeBenchmark "$pairs"
done
