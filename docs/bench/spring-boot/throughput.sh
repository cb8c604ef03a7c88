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
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
REPS=${REPS:-5}
WARM=${WARM:-10}
SECONDS_RUN=${SECONDS_RUN:-10}
CONNS=${CONNS:-16}
JVM_OPTS=${JVM_OPTS:-"-Xmx1g"}
OUT=${OUT:-$ROOT/target/bench/spring-boot-wrk-$(date -u +%Y%m%dT%H%M%SZ)}
APP=$HERE/target/spring-boot-bench.jar
mkdir -p "$OUT/logs"
[ -f "$APP" ] || (cd "$HERE" && mvn -q -B package -DskipTests)
command -v wrk >/dev/null || { echo "throughput.sh: wrk is needed (Debian package wrk)" >&2; exit 1; }

. "$ROOT/docs/bench/agent-configs.sh"
[ $# -gt 0 ] || set -- "portwatch=$ROOT/agent/target/portwatch-agent.jar"
agent_configs "$@"
configs+=(jfr)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wrk's "Requests/sec" and its 99th percentile latency in ms, from a run with --latency.
wrk_figures() {
  awk '/Requests\/sec/ {rps=$2}
       $1 == "99%" {v=$2; u=v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
                    ms = u == "us" ? v / 1000 : u == "s" ? v * 1000 : v}
       END {printf "%s %.3f\n", rps, ms}'
}

echo "jdk,config,rep,mode,rps,p99_ms" > "$OUT/results.csv"
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/load.txt"
for r in $(seq "$REPS"); do
  for jdk in $JDKS; do
    j=$(jdk_feature "$jdk")
    for c in "${configs[@]}"; do
      opts=$(config_jvm_options "$c" "$OUT/rec.jfr")
      port=$(free_port)
      before_each
      log=$OUT/logs/$j-$c-$r.txt
      # shellcheck disable=SC2086
      "$jdk/bin/java" $JVM_OPTS $opts -jar "$APP" --server.port="$port" > "$log" 2>&1 &
      pid=$!
      for _ in $(seq 600); do
        curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
        sleep 0.1
      done
      url=http://127.0.0.1:$port/
      wrk -t1 -c"$CONNS" -d"${WARM}s" "$url" > /dev/null
      read -r rps p99 < <(wrk -t1 -c"$CONNS" -d"${SECONDS_RUN}s" --latency "$url" | wrk_figures)
      echo "$j,$c,$r,keep-alive,$rps,$p99" >> "$OUT/results.csv"
      read -r rps p99 < <(wrk -t1 -c"$CONNS" -d"${SECONDS_RUN}s" --latency -H 'Connection: close' "$url" \
        | wrk_figures)
      echo "$j,$c,$r,close,$rps,$p99" >> "$OUT/results.csv"
      kill "$pid"; wait "$pid" 2>/dev/null || true
      rm -f "$OUT/rec.jfr"
    done
  done
  echo "repetition $r done, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"

python3 - "$OUT/results.csv" <<'PY' | tee "$OUT/summary.md"
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
jdks = sorted({r["jdk"] for r in rows}, key=int)
configs = list(dict.fromkeys(r["config"] for r in rows))
def values(j, c, mode, m):
    return [float(r[m]) for r in rows if r["jdk"] == j and r["config"] == c and r["mode"] == mode]
print("| JDK | mode | config | req/s (median) | ratio | min-max | p99 ms | p99 ratio |")
print("|---|---|---|---:|---:|---|---:|---:|")
for j in jdks:
    for mode in ("keep-alive", "close"):
        base = statistics.median(values(j, "none", mode, "rps"))
        base99 = statistics.median(values(j, "none", mode, "p99_ms"))
        for c in configs:
            v = values(j, c, mode, "rps")
            med, p99 = statistics.median(v), statistics.median(values(j, c, mode, "p99_ms"))
            print(f"| {j} | {mode} | {c} | {med:,.0f} | {med / base:.3f} | {min(v):,.0f}–{max(v):,.0f} | "
                  f"{p99:.2f} | {p99 / base99:.2f} |")
PY
