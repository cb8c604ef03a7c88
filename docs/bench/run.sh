#!/usr/bin/env bash
# End-to-end benchmarks of portwatch against no agent and against its peers (JFR socket events at threshold 0, the
# OpenTelemetry Java agent with its exporters off), on each JDK, interleaved: every repetition runs each JDK and
# each configuration once before the next repetition starts, so a change in the machine's load hits all of them.
#
#   docs/bench/run.sh                 # everything, about 25 minutes on 2 cores
#   REPS=3 PHASES="startup net" docs/bench/run.sh    # a subset
#
# Results: $OUT/results.csv (workload,jdk,config,rep,metric,value,unit), $OUT/summary.md (medians, ratios to no
# agent, min-max), $OUT/machine.txt, $OUT/load.txt (the load average every 10 s), $OUT/logs/, $OUT/visibility/.
# Every knob below can be set from the environment.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
CONFIGS=${CONFIGS:-"none portwatch jfr otel"}
PHASES=${PHASES:-"startup net http heap churn visibility"}
REPS=${REPS:-5}                       # repetitions of every workload, JDK and configuration (net, http)
STARTUP_REPS=${STARTUP_REPS:-7}       # start-up runs per main, JDK and configuration
HEAP_REPS=${HEAP_REPS:-3}             # runs of the open-connection heap workload per JDK (none, portwatch)
NET_WARMUP_MS=${NET_WARMUP_MS:-1000}  # per TCP/UDP loop, then
NET_MEASURE_MS=${NET_MEASURE_MS:-1500}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-16}
WRK_WARMUP=${WRK_WARMUP:-2s}
WRK_DURATION=${WRK_DURATION:-3s}
# Connection: close, once keep-alive has run: measured from its first request for WRK_CLOSE_FIRST (the JIT still
# compiling the accept and close paths, the agent's among them, on the same 2 cores), then WRK_CLOSE_WARMUP more
# before the steady WRK_DURATION that http-close reports. With 1 s, as before, C2 was still compiling in the first
# 2-4 s of http-close's measure with an agent (docs/benchmarks.md, issue 14's close p99).
WRK_CLOSE_FIRST=${WRK_CLOSE_FIRST:-2s}
WRK_CLOSE_WARMUP=${WRK_CLOSE_WARMUP:-$WRK_WARMUP}
OPEN_CONNECTIONS=${OPEN_CONNECTIONS:-10000}
CHURN_CONNECTIONS=${CHURN_CONNECTIONS:-1000000}
CHURN_CONFIGS=${CHURN_CONFIGS:-"portwatch"}
JVM_OPTS=${JVM_OPTS:-"-Xmx1g"}
OUT=${OUT:-$ROOT/target/bench/$(date -u +%Y%m%dT%H%M%SZ)}
CACHE=${CACHE:-$ROOT/target/bench-cache}
OTEL_VERSION=2.22.0
BASE_JAR=${BASE_JAR:-}                # another build of the agent, run as config "base" (A/B against it)

AGENT_JAR=${AGENT_JAR:-$ROOT/agent/target/portwatch-agent.jar}   # config "portwatch": a copy survives a rebuild
CLASSES=$ROOT/agent/target/test-classes
OTEL_JAR=$CACHE/opentelemetry-javaagent-$OTEL_VERSION.jar
JFC=$ROOT/docs/bench/socket-io.jfc
CSV=$OUT/results.csv
TMP=$(mktemp -d)

# shellcheck source=lib/ab-runs.sh
. "$ROOT/docs/bench/lib/ab-runs.sh"   # jdk_feature, sample_load and the interleaved loop of every phase

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
[ -x /usr/bin/time ] || missing+=(time)
command -v curl >/dev/null || missing+=(curl)
command -v mvn >/dev/null || missing+=(maven)
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
for jdk in $JDKS; do
  [ -x "$jdk/bin/java" ] || { echo "missing JDK: $jdk (set JDKS)" >&2; exit 1; }
done

# --- build -------------------------------------------------------------------------------------------------------
mkdir -p "$OUT/logs" "$OUT/visibility" "$CACHE"
log "building (mvn -q package -DskipTests)"
mvn -q package -DskipTests
if [[ " $CONFIGS " == *" otel "* && ! -f $OTEL_JAR ]]; then
  log "fetching the OpenTelemetry Java agent $OTEL_VERSION into $CACHE"
  (cd "$CACHE" && mvn -q dependency:copy \
    -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_VERSION -DoutputDirectory="$CACHE")
fi

# --- the machine and its load --------------------------------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(free -m | awk '/^Mem:/{print $2 " MiB"}')"
  echo "kernel: $(uname -sr)"
  for jdk in $JDKS; do echo "jdk: $jdk: $("$jdk/bin/java" -version 2>&1 | sed -n 2p)"; done
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "git: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)')"
  echo "settings: REPS=$REPS STARTUP_REPS=$STARTUP_REPS HEAP_REPS=$HEAP_REPS NET_WARMUP_MS=$NET_WARMUP_MS" \
    "NET_MEASURE_MS=$NET_MEASURE_MS WRK_CONNECTIONS=$WRK_CONNECTIONS WRK_WARMUP=$WRK_WARMUP" \
    "WRK_DURATION=$WRK_DURATION WRK_CLOSE_FIRST=$WRK_CLOSE_FIRST WRK_CLOSE_WARMUP=$WRK_CLOSE_WARMUP" \
    "OPEN_CONNECTIONS=$OPEN_CONNECTIONS CHURN_CONNECTIONS=$CHURN_CONNECTIONS" \
    "JVM_OPTS=$JVM_OPTS"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" >&2

sample_load "$OUT/load.txt"
cleanup() { kill "$LOAD_PID" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

echo "workload,jdk,config,rep,metric,value,unit" > "$CSV"

# --- helpers -----------------------------------------------------------------------------------------------------
# The JVM options of a configuration; $2 names the JFR recording file.
config_opts() {
  case $1 in
    none) echo "" ;;
    portwatch) echo "-javaagent:$AGENT_JAR=port=0" ;;
    base) echo "-javaagent:$BASE_JAR=port=0" ;;
    jfr) echo "-XX:StartFlightRecording:settings=$JFC,filename=$2" ;;
    otel) echo "-javaagent:$OTEL_JAR -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none" ;;
    *) echo "unknown config $1" >&2; exit 1 ;;
  esac
}

record() { echo "$1,$2,$3,$4,$5,$6,$7" >> "$CSV"; }

# Copies a workload's "RESULT name value unit" lines into the CSV.
record_results() {  # workload jdk config rep file
  awk -v w="$1" -v j="$2" -v c="$3" -v r="$4" '/^RESULT /{print w "," j "," c "," r "," $2 "," $3 "," $4}' "$5" >> "$CSV"
}

# "1.23ms" -> milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; print n }'
}

run_wrk() {  # workload jdk config rep port extra-header...
  local w=$1 j=$2 c=$3 r=$4 port=$5; shift 5
  local f=$TMP/wrk.txt
  wrk -t1 -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency "$@" "http://127.0.0.1:$port/" > "$f" 2>&1
  cat "$f" >> "$OUT/logs/wrk-$j-$c-$r.txt"
  local rps p99 p50
  rps=$(awk '/^Requests\/sec:/{print $2}' "$f")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$f")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$f")")
  record "$w" "$j" "$c" "$r" requests_per_s "$rps" req/s
  record "$w" "$j" "$c" "$r" p50_latency "$p50" ms
  record "$w" "$j" "$c" "$r" p99_latency "$p99" ms
  if grep -q "Non-2xx" "$f"; then log "warning: non-2xx responses in $w $j $c $r"; fi
}

# Starts HttpServerMain; sets SERVER_PID, SERVER_PORT and SERVER_FD (its stdin: closing it stops the server).
start_server() {  # jdk opts logfile
  local fifo=$TMP/server.in
  rm -f "$fifo"; mkfifo "$fifo"
  # shellcheck disable=SC2086
  "$1/bin/java" $JVM_OPTS $2 -Dsun.net.httpserver.nodelay=true -cp "$CLASSES" dev.portwatch.bench.HttpServerMain 0 \
    < "$fifo" > "$3" 2>&1 &
  SERVER_PID=$!
  exec {SERVER_FD}> "$fifo"
  for _ in $(seq 600); do
    SERVER_PORT=$(awk '/^READY /{print $2}' "$3")
    [ -n "$SERVER_PORT" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "HttpServerMain did not start; see $3" >&2
  exit 1
}

stop_server() {
  exec {SERVER_FD}>&-
  wait "$SERVER_PID" || true
}

# --- phases ------------------------------------------------------------------------------------------------------
# phase_runs REPS CONFIGS WORKLOADS RUN: ab_runs (lib/ab-runs.sh) of RUN over these configurations and workloads;
# RUN takes jdk, feature release, workload, configuration and repetition.
phase_runs() {
  local -a configs
  read -ra configs <<< "$2"
  local WORKLOADS=$3
  ab_runs "$1" "$4"
}

phase_startup() {
  log "startup: $STARTUP_REPS x {EmptyMain, FirstSockets} x JDKs x {$CONFIGS}"
  phase_runs "$STARTUP_REPS" "$CONFIGS" "EmptyMain FirstSockets" startup_run
  # Classes loaded by each configuration (one run each, EmptyMain and FirstSockets).
  phase_runs 1 "$CONFIGS" "EmptyMain FirstSockets" classes_run
}

startup_run() {
  local opts wall user sys
  opts=$(config_opts "$4" "$TMP/startup.jfr")
  # shellcheck disable=SC2086
  /usr/bin/time -f "%e %U %S" -o "$TMP/time.txt" "$1/bin/java" $JVM_OPTS $opts -cp "$CLASSES" \
    "dev.portwatch.bench.$3" > "$OUT/logs/startup-$3-$2-$4-$5.txt" 2>&1
  read -r wall user sys < "$TMP/time.txt"
  record "startup-$3" "$2" "$4" "$5" wall "$(awk -v w="$wall" 'BEGIN{print w*1000}')" ms
  record "startup-$3" "$2" "$4" "$5" cpu "$(awk -v u="$user" -v s="$sys" 'BEGIN{print (u+s)*1000}')" ms
  rm -f "$TMP/startup.jfr"
}

classes_run() {
  local opts
  opts=$(config_opts "$4" "$TMP/startup.jfr")
  # shellcheck disable=SC2086
  "$1/bin/java" $JVM_OPTS $opts -Xlog:class+load=info:file="$TMP/classes.txt" -cp "$CLASSES" \
    "dev.portwatch.bench.$3" > /dev/null 2>&1
  record "classes-$3" "$2" "$4" 1 loaded_classes "$(grep -c 'class,load' "$TMP/classes.txt")" classes
  record "classes-$3" "$2" "$4" 1 byte_buddy_classes "$(grep -c 'net\.bytebuddy\.' "$TMP/classes.txt" || true)" classes
  rm -f "$TMP/startup.jfr"
}

# Runs bench class $5 with the JVM options of configuration $3 on JDK $1 into log $4 and records its RESULT lines as
# workload $6 (feature release $2, repetition $7); further arguments go to the class.
run_main() {
  local jdk=$1 j=$2 c=$3 f=$4 main=$5 w=$6 r=$7 opts
  shift 7
  opts=$(config_opts "$c" "$TMP/$w.jfr")
  # shellcheck disable=SC2086
  "$jdk/bin/java" $JVM_OPTS $opts -cp "$CLASSES" "dev.portwatch.bench.$main" "$@" > "$f" 2>&1 \
    || log "warning: $f: exit $?"
  record_results "$w" "$j" "$c" "$r" "$f"
  rm -f "$TMP/$w.jfr"
}

phase_net() {
  log "net: $REPS x JDKs x {$CONFIGS}: TCP churn (Socket, SocketChannel) and UDP echo," \
    "${NET_WARMUP_MS} ms warm-up + ${NET_MEASURE_MS} ms each"
  phase_runs "$REPS" "$CONFIGS" net net_run
}

net_run() {
  run_main "$1" "$2" "$4" "$OUT/logs/net-$2-$4-$5.txt" NetChurn net "$5" "$NET_WARMUP_MS" "$NET_MEASURE_MS" \
    tcp-socket tcp-channel udp async
}

phase_http() {
  log "http: $REPS x JDKs x {$CONFIGS}: HttpServer under wrk -t1 -c$WRK_CONNECTIONS, keep-alive and" \
    "Connection: close, $WRK_WARMUP warm-up + $WRK_DURATION each (close: $WRK_CLOSE_FIRST from its first request," \
    "then $WRK_CLOSE_WARMUP warm-up)"
  phase_runs "$REPS" "$CONFIGS" http http_run
}

http_run() {
  local j=$2 c=$4 r=$5
  start_server "$1" "$(config_opts "$c" "$TMP/http.jfr")" "$OUT/logs/http-$j-$c-$r.txt"
  wrk -t1 -c"$WRK_CONNECTIONS" -d"$WRK_WARMUP" "http://127.0.0.1:$SERVER_PORT/" > /dev/null
  run_wrk http-keepalive "$j" "$c" "$r" "$SERVER_PORT"
  WRK_DURATION=$WRK_CLOSE_FIRST run_wrk http-close-first "$j" "$c" "$r" "$SERVER_PORT" -H "Connection: close"
  wrk -t1 -c"$WRK_CONNECTIONS" -d"$WRK_CLOSE_WARMUP" -H "Connection: close" "http://127.0.0.1:$SERVER_PORT/" \
    > /dev/null
  run_wrk http-close "$j" "$c" "$r" "$SERVER_PORT" -H "Connection: close"
  stop_server
  rm -f "$TMP/http.jfr"
}

phase_heap() {
  log "heap: $HEAP_REPS x JDKs x {none, portwatch}: $OPEN_CONNECTIONS open connections, outbound then accepted"
  phase_runs "$HEAP_REPS" "none portwatch" heap heap_run
}

# OpenConnections then AcceptedConnections; the first repetition also writes a class histogram of each.
heap_run() {
  local jdk=$1 j=$2 c=$4 r=$5 main w tag histogram
  for main in OpenConnections:open-connections:heap AcceptedConnections:accepted-connections:heap-accepted; do
    IFS=: read -r main w tag <<< "$main"
    histogram=""
    [ "$r" != 1 ] || histogram="-Dbench.histogram=$OUT/logs/histogram${tag#heap}-$j-$c.txt"
    JVM_OPTS="$JVM_OPTS $histogram" run_main "$jdk" "$j" "$c" "$OUT/logs/$tag-$j-$c-$r.txt" "$main" "$w" "$r" \
      "$OPEN_CONNECTIONS"
  done
}

phase_churn() {
  log "churn: JDKs x {$CHURN_CONFIGS}: heap before and after $CHURN_CONNECTIONS connections"
  phase_runs 1 "$CHURN_CONFIGS" churn churn_run
}

churn_run() {
  run_main "$1" "$2" "$4" "$OUT/logs/churn-$2-$4.txt" ChurnHeap churn 1 "$CHURN_CONNECTIONS"
}

# What each configuration sees of the same traffic: a few HTTP requests (keep-alive and close), a short TCP
# churn and UDP echo. Not timed.
phase_visibility() {
  log "visibility: what each configuration records of the same traffic"
  local jdk; jdk=$(echo "$JDKS" | awk '{print $NF}')
  local v=$OUT/visibility
  for c in $CONFIGS; do
    local opts
    case $c in
      none) continue ;;
      otel) opts="-javaagent:$OTEL_JAR -Dotel.traces.exporter=logging -Dotel.metrics.exporter=logging \
-Dotel.logs.exporter=none -Dotel.metric.export.interval=1000" ;;
      *) opts=$(config_opts "$c" "$v/http.jfr") ;;
    esac
    start_server "$jdk" "$opts" "$v/$c-http.log"
    for _ in 1 2 3; do curl -s "http://127.0.0.1:$SERVER_PORT/hello" > /dev/null; done
    for _ in 1 2 3; do curl -s -H "Connection: close" "http://127.0.0.1:$SERVER_PORT/bye" > /dev/null; done
    sleep 2
    if [ "$c" = portwatch ]; then
      local url; url=$(grep -o 'table at http://[^ ]*/connections' "$v/$c-http.log" | sed 's/table at //')
      curl -s "$url" > "$v/portwatch-http-connections.txt"
      curl -s "${url%/connections}/metrics" > "$v/portwatch-http-metrics.txt"
    fi
    stop_server
    if [ "$c" = jfr ]; then
      "$jdk/bin/jfr" summary "$v/http.jfr" > "$v/jfr-http-summary.txt"
      "$jdk/bin/jfr" print --events jdk.SocketRead,jdk.SocketWrite "$v/http.jfr" | head -60 > "$v/jfr-http-events.txt"
      # shellcheck disable=SC2086
      "$jdk/bin/java" $JVM_OPTS -XX:StartFlightRecording:settings="$JFC",filename="$v/net.jfr" -cp "$CLASSES" \
        dev.portwatch.bench.NetChurn 0 300 tcp-socket tcp-channel udp > "$v/jfr-net.log" 2>&1
      "$jdk/bin/jfr" summary "$v/net.jfr" > "$v/jfr-net-summary.txt"
    fi
    if [ "$c" = otel ]; then
      # shellcheck disable=SC2086
      "$jdk/bin/java" $JVM_OPTS $opts -cp "$CLASSES" dev.portwatch.bench.NetChurn 0 300 tcp-socket tcp-channel udp \
        > "$v/otel-net.log" 2>&1
    fi
  done
}

for phase in $PHASES; do
  "phase_$phase"
  log "$phase done; load $(cut -d' ' -f1-3 /proc/loadavg)"
done

echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
"$(echo "$JDKS" | awk '{print $1}')/bin/java" -cp "$CLASSES" dev.portwatch.bench.Summary "$CSV" > "$OUT/summary.md"
cat "$OUT/summary.md"
log "results in $OUT"
