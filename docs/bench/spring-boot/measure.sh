#!/usr/bin/env bash
# Start-up of a Spring Boot 3.5 web app (embedded Tomcat): `java` to its first HTTP 200, wall and CPU time and
# resident memory at that moment, without an agent, with each portwatch jar given, and with JFR's socket events:
#
#   docs/bench/spring-boot/measure.sh [name=path/to/portwatch-agent.jar ...]   # default: portwatch=the built jar
#
# Each repetition starts the app once per JDK and configuration, so a change in the machine's load hits them all
# alike. Builds the app (Spring Boot from Maven Central) on first use; it is not part of the project's build.
# Prints a Markdown table of medians and min-max, then CPU per thread at the first 200 (threads.py); raw data in $OUT.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
REPS=${REPS:-7}
. "$ROOT/docs/bench/lib/app-runs.sh"
app_setup spring-boot logs "$@"
app_spring_boot "$HERE"
[ -n "${NO_JFR:-}" ] || configs+=(jfr)  # NO_JFR=1: without the JFR configuration
echo "jdk,config,rep,wall_ms,cpu_ms,rss_mb" > "$OUT/results.csv"

first200() { # $1 jdk, $2 its feature release, $3 workload, $4 config, $5 repetition
  local wall cpu rss
  app_java "$1" "$4"
  read -r wall cpu rss < <(python3 "$HERE/first200.py" "$OUT/logs/$2-$4-$5.txt" -- \
    "${java_cmd[@]}" -jar "$APP" --server.port=0)
  echo "$2,$4,$5,$wall,$cpu,$rss" >> "$OUT/results.csv"
}
app_runs "$REPS" first200 app_repetition_load
app_table spring
python3 "$HERE/threads.py" "$OUT" | tee -a "$OUT/summary.md"
