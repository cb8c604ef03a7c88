#!/usr/bin/env bash
# Keep-alive throughput of the Spring Boot 3.5 web app (embedded Tomcat) under wrk, without an agent, with each
# portwatch jar given, and with JFR's socket events:
#
#   docs/bench/spring-boot/throughput.sh [name=path/to/portwatch-agent.jar[,agent options] ...]
#   (default: portwatch=the built jar)
#
# Each repetition starts the app once per JDK and configuration, warms it with wrk ($WARM s), then measures
# ($SECONDS_RUN s, $CONNS connections on 1 thread, keep-alive; then the same with `Connection: close`), so a change in
# the machine's load hits every configuration alike. Prints a Markdown table of medians, ratios against no agent
# and min-max; raw data in $OUT.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
REPS=${REPS:-5}
WARM=${WARM:-10}
SECONDS_RUN=${SECONDS_RUN:-10}
CONNS=${CONNS:-16}
. "$ROOT/docs/bench/lib/app-runs.sh"
app_setup spring-boot-wrk logs "$@"
app_spring_boot "$HERE"
command -v wrk >/dev/null || { echo "throughput.sh: wrk is needed (Debian package wrk)" >&2; exit 1; }
configs+=(jfr)
echo "jdk,config,rep,mode,rps,p99_ms" > "$OUT/results.csv"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wrk's "Requests/sec" and its 99th percentile latency in ms, from a run with --latency.
wrk_figures() {
  awk '/Requests\/sec/ {rps=$2}
       $1 == "99%" {v=$2; u=v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
                    ms = u == "us" ? v / 1000 : u == "s" ? v * 1000 : v}
       END {printf "%s %.3f\n", rps, ms}'
}

under_wrk() { # $1 jdk, $2 its feature release, $3 workload, $4 config, $5 repetition
  local port pid url rps p99
  port=$(free_port)
  app_java "$1" "$4"
  "${java_cmd[@]}" -jar "$APP" --server.port="$port" > "$OUT/logs/$2-$4-$5.txt" 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
    sleep 0.1
  done
  url=http://127.0.0.1:$port/
  wrk -t1 -c"$CONNS" -d"${WARM}s" "$url" > /dev/null
  read -r rps p99 < <(wrk -t1 -c"$CONNS" -d"${SECONDS_RUN}s" --latency "$url" | wrk_figures)
  echo "$2,$4,$5,keep-alive,$rps,$p99" >> "$OUT/results.csv"
  read -r rps p99 < <(wrk -t1 -c"$CONNS" -d"${SECONDS_RUN}s" --latency -H 'Connection: close' "$url" | wrk_figures)
  echo "$2,$4,$5,close,$rps,$p99" >> "$OUT/results.csv"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
app_runs "$REPS" under_wrk app_repetition_load
app_table wrk
