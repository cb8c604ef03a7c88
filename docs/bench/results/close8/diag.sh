#!/usr/bin/env bash
# One HttpServerMain per configuration and repetition, interleaved, on one JDK: keep-alive (WARM, then KEEP measured)
# and Connection: close (FIRST, then WARM, then CLOSE measured), as run.sh's http phase. For each measured part:
# wrk --latency, every thread's /proc schedstat before and after, and the JVM's uptime at both ends, so that the
# GC and safepoint log (-Xlog:gc*,safepoint), the compilation log (-Xlog:jit+compilation=debug) and the
# deoptimisation log (-Xlog:deoptimization=debug) can be cut to the measured window (summarize.py).
#   CONFIGS="none=|main=-javaagent:/tmp/main.jar=port=0|..." CLASSES=/tmp/classes OUT=/tmp/diag REPS=3 diag.sh
set -euo pipefail
JDK=${JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
REPS=${REPS:-3}; WARM=${WARM:-5s}; KEEP=${KEEP:-10s}; FIRST=${FIRST:-2s}; CLOSE=${CLOSE:-10s}
OUT=${OUT:-/tmp/diag}; mkdir -p "$OUT/runs"
IFS='|' read -ra CFGS <<< "$CONFIGS"
hz=$(getconf CLK_TCK)
sched() { for t in /proc/"$1"/task/*; do
  printf '%s %s %s\n' "${t##*/}" "$(tr ' ' _ < "$t/comm")" "$(cat "$t/schedstat")"; done > "$2" 2>/dev/null || true; }
uptime_of() { awk -v hz="$hz" -v up="$(cut -d' ' -f1 /proc/uptime)" '{print up - $22 / hz}' "/proc/$1/stat"; }
measure() {  # pid file-prefix duration wrk-args...
  local pid=$1 f=$2 d=$3; shift 3
  sched "$pid" "$f.sched0"; echo "start $(uptime_of "$pid") load $(cut -d' ' -f1 /proc/loadavg)" > "$f.window"
  wrk -t1 -c16 -d"$d" --latency "$@" > "$f.wrk.txt"
  echo "end $(uptime_of "$pid") load $(cut -d' ' -f1 /proc/loadavg)" >> "$f.window"; sched "$pid" "$f.sched1"
}
for r in $(seq "$REPS"); do
  for cfg in "${CFGS[@]}"; do
    c=${cfg%%=*}; opts=${cfg#*=}; f=$OUT/runs/$c-$r
    fifo=$(mktemp -u); mkfifo "$fifo"
    # shellcheck disable=SC2086
    "$JDK/bin/java" -Xmx1g $opts -Xlog:gc*,safepoint:file="$f.gc.log":uptime \
      -Xlog:jit+compilation=debug,deoptimization=debug:file="$f.jit.log":uptime \
      -Dsun.net.httpserver.nodelay=true -cp "$CLASSES" dev.portwatch.bench.HttpServerMain 0 \
      < "$fifo" > "$f.server.txt" 2>&1 &
    pid=$!; exec {fd}> "$fifo"; port=""
    for _ in $(seq 300); do port=$(awk '/^READY /{print $2}' "$f.server.txt"); [ -n "$port" ] && break; sleep 0.1; done
    url="http://127.0.0.1:$port/"
    wrk -t1 -c16 -d"$WARM" "$url" > /dev/null
    measure "$pid" "$f.keep" "$KEEP" "$url"
    wrk -t1 -c16 -d"$FIRST" -H "Connection: close" "$url" > /dev/null
    wrk -t1 -c16 -d"$WARM" -H "Connection: close" "$url" > /dev/null
    measure "$pid" "$f.close" "$CLOSE" -H "Connection: close" "$url"
    exec {fd}>&-; wait "$pid" || true; rm -f "$fifo"
    echo "$(date -u +%T) $c $r keep $(awk '$1=="99%"{print $2}' "$f.keep.wrk.txt") close" \
      "$(awk '$1=="99%"{print $2}' "$f.close.wrk.txt") load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
