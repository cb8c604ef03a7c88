#!/usr/bin/env bash
# One HttpServerMain per configuration, JDK 25: keep-alive WARM, Connection: close for FIRST + CLOSE, with the young
# collections' phases, ages and reference processing logged (-Xlog:gc+phases=debug,gc+age=trace,gc+ref=debug) and
# the JIT's inlining decisions printed (-XX:+PrintInlining), to split a young pause into its parts with and
# without the agent and to see whether the woven read and write methods are inlined where the JDK's are.
#   CONFIGS="none=|main=-javaagent:/tmp/main.jar=port=0" CLASSES=/tmp/classes OUT=/tmp/gcdetail gcdetail.sh
set -euo pipefail
JDK=${JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
WARM=${WARM:-5s}; FIRST=${FIRST:-5s}; CLOSE=${CLOSE:-10s}; REPS=${REPS:-1}
OUT=${OUT:-/tmp/gcdetail}; mkdir -p "$OUT"
IFS='|' read -ra CFGS <<< "$CONFIGS"
for r in $(seq "$REPS"); do
  for cfg in "${CFGS[@]}"; do
    c=${cfg%%=*}; opts=${cfg#*=}; f=$OUT/$c-$r
    fifo=$(mktemp -u); mkfifo "$fifo"
    # shellcheck disable=SC2086
    "$JDK/bin/java" -Xmx1g $opts -Xlog:gc*,gc+phases=debug,gc+age=trace,gc+ref=debug:file="$f.gc.log":uptime \
      -XX:+UnlockDiagnosticVMOptions -XX:+PrintInlining -Dsun.net.httpserver.nodelay=true -cp "$CLASSES" \
      dev.portwatch.bench.HttpServerMain 0 < "$fifo" > "$f.server.txt" 2>&1 &
    pid=$!; exec {fd}> "$fifo"; port=""
    for _ in $(seq 300); do port=$(awk '/^READY /{print $2}' "$f.server.txt"); [ -n "$port" ] && break; sleep 0.1; done
    url="http://127.0.0.1:$port/"
    wrk -t1 -c16 -d"$WARM" "$url" > "$f.keep.wrk.txt"
    wrk -t1 -c16 -d"$FIRST" -H "Connection: close" "$url" > /dev/null
    echo "close-start $(awk -v hz="$(getconf CLK_TCK)" -v up="$(cut -d' ' -f1 /proc/uptime)" '{print up - $22 / hz}' \
      "/proc/$pid/stat") load $(cut -d' ' -f1 /proc/loadavg)" > "$f.window"
    wrk -t1 -c16 -d"$CLOSE" --latency -H "Connection: close" "$url" > "$f.close.wrk.txt"
    exec {fd}>&-; wait "$pid" || true; rm -f "$fifo"
    echo "$(date -u +%T) $c $r done load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
