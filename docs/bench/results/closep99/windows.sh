#!/usr/bin/env bash
# run.sh's http phase, one server per configuration and JDK, interleaved, with its Connection: close part cut into
# windows: keep-alive WARM + KEEP (as run.sh), 1 s of Connection: close (run.sh's warm-up), then WINDOWS windows of
# WINDOW each (run.sh measures 10 s in one), each with wrk --latency and percentiles.lua and every thread's
# /proc schedstat before and after: how the p99 and the JIT compiler's CPU evolve from the first closes on.
#   CONFIGS="none=|base=-javaagent:/tmp/base.jar=port=0|..." OUT=/tmp/windows REPS=3 windows.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
REPS=${REPS:-3}; WARM=${WARM:-5s}; KEEP=${KEEP:-10s}; WINDOW=${WINDOW:-2s}; WINDOWS=${WINDOWS:-5}
OUT=${OUT:-/tmp/windows}; mkdir -p "$OUT/runs"
IFS='|' read -ra CFGS <<< "$CONFIGS"
sched() { for t in /proc/"$1"/task/*; do
  printf '%s %s %s\n' "${t##*/}" "$(tr ' ' _ < "$t/comm")" "$(cat "$t/schedstat")"; done > "$2" 2>/dev/null || true; }
for r in $(seq "$REPS"); do
  for jdk in $JDKS; do
    j=$("$jdk/bin/java" -version 2>&1 | sed -n '1s/[^"]*"\([0-9]*\).*/\1/p')
    for cfg in "${CFGS[@]}"; do
      c=${cfg%%=*}; opts=${cfg#*=}
      f=$OUT/runs/$j-$c-$r
      fifo=$(mktemp -u); mkfifo "$fifo"
      # shellcheck disable=SC2086
      "$jdk/bin/java" -Xmx1g $opts -Xlog:gc:file="$f.gc.log":uptime -Dsun.net.httpserver.nodelay=true \
        -cp "$CLASSES" dev.portwatch.bench.HttpServerMain 0 < "$fifo" > "$f.server.txt" 2>&1 &
      pid=$!; exec {fd}> "$fifo"
      port=""
      for _ in $(seq 300); do port=$(awk '/^READY /{print $2}' "$f.server.txt"); [ -n "$port" ] && break; sleep 0.1; done
      url="http://127.0.0.1:$port/"
      wrk -t1 -c16 -d"$WARM" "$url" > /dev/null
      wrk -t1 -c16 -d"$KEEP" --latency "$url" > "$f.keepalive.txt"
      wrk -t1 -c16 -d1s -H "Connection: close" "$url" > /dev/null
      for w in $(seq "$WINDOWS"); do
        sched "$pid" "$f-w$w.sched0"
        echo "load $(cut -d' ' -f1 /proc/loadavg)" > "$f-w$w.wrk.txt"
        wrk -t1 -c16 -d"$WINDOW" --latency -s "$HERE/percentiles.lua" -H "Connection: close" "$url" >> "$f-w$w.wrk.txt"
        sched "$pid" "$f-w$w.sched1"
      done
      exec {fd}>&-; wait "$pid" || true; rm -f "$fifo"
      echo "$(date -u +%T) $j $c $r $(for w in $(seq "$WINDOWS"); do grep -o 'p99=[0-9]*' "$f-w$w.wrk.txt" | tr '\n' ' '; done) load $(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
