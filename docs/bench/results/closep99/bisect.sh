#!/usr/bin/env bash
# Bisection of the Connection: close p99 (HttpServerMain under wrk -t1 -c16, as run.sh's http phase): each
# configuration started fresh, WARM of Connection: close, then MEASURE with --latency and percentiles.lua, every
# configuration and JDK interleaved within each repetition. Per run: the wrk output, the load, and every thread's
# /proc schedstat (run time, run-queue wait, timeslices) before and after the measured part.
#   JAR=/tmp/pwx.jar NOOP=/tmp/noop-agent.jar CLASSES=/tmp/pwx-classes OUT=/tmp/bisect REPS=4 bisect.sh
# The variant switches (pwx.*) are in bisect-switches.patch, applied to a scratch build, not to the agent.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
REPS=${REPS:-4}; WARM=${WARM:-4s}; MEASURE=${MEASURE:-8s}
OUT=${OUT:-/tmp/bisect}; mkdir -p "$OUT/runs"
A="-javaagent:$JAR=port=0"
declare -A OPTS=(
  [none]=""
  [noop]="-javaagent:$NOOP"
  [noevents]="$A -Dpwx.noevents=true"
  [portwatch]="$A"
  [settle1s]="$A -Dpwx.settle=1000"
  [nohk]="$A -Dpwx.nohk=true"
  [noring]="$A -Dpwx.noring=true"
  [thread]="$A,openers=thread"
  [xmn]="$A -Xmn300m"
  [none-xmn]="-Xmn300m"
)
CONFIGS=${CONFIGS:-"none noop noevents portwatch settle1s nohk noring thread xmn none-xmn"}
sched() {  # pid file: tid comm run_ns wait_ns slices
  for t in /proc/"$1"/task/*; do
    printf '%s %s %s\n' "${t##*/}" "$(tr ' ' _ < "$t/comm")" "$(cat "$t/schedstat")"
  done > "$2" 2>/dev/null || true
}
for r in $(seq "$REPS"); do
  for jdk in $JDKS; do
    j=$("$jdk/bin/java" -version 2>&1 | sed -n '1s/[^"]*"\([0-9]*\).*/\1/p')
    for c in $CONFIGS; do
      f=$OUT/runs/$j-$c-$r
      fifo=$(mktemp -u); mkfifo "$fifo"
      # shellcheck disable=SC2086
      "$jdk/bin/java" -Xmx1g ${OPTS[$c]} -Dsun.net.httpserver.nodelay=true -cp "$CLASSES" \
        dev.portwatch.bench.HttpServerMain 0 < "$fifo" > "$f.server.txt" 2>&1 &
      pid=$!; exec {fd}> "$fifo"
      port=""
      for _ in $(seq 300); do port=$(awk '/^READY /{print $2}' "$f.server.txt"); [ -n "$port" ] && break; sleep 0.1; done
      wrk -t1 -c16 -d"$WARM" -H "Connection: close" "http://127.0.0.1:$port/" > /dev/null
      sched "$pid" "$f.sched0"
      echo "load $(cut -d' ' -f1 /proc/loadavg)" > "$f.wrk.txt"
      wrk -t1 -c16 -d"$MEASURE" --latency -s "$HERE/percentiles.lua" -H "Connection: close" \
        "http://127.0.0.1:$port/" >> "$f.wrk.txt" 2>&1
      sched "$pid" "$f.sched1"
      exec {fd}>&-; wait "$pid" || true; rm -f "$fifo"
      echo "$(date -u +%T) $j $c $r $(grep -o 'p99=[0-9]*' "$f.wrk.txt") $(awk '/^Requests/{print $2}' "$f.wrk.txt") $(head -1 "$f.wrk.txt")"
    done
  done
done
