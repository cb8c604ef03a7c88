#!/usr/bin/env bash
# Steady Connection: close, interleaved (CONFIGS: none base portwatch): HttpServerMain (CLASSES: a copy of
# agent/target/test-classes) under wrk -t1 -c16, 5 s keep-alive, 2 s + ${DUR:-20s} Connection: close, with -Xlog:gc,gc+age=trace; the GC log in
# $OUT/logs/http-JDK-CONFIG-REP.txt, wrk's in wrk-JDK-CONFIG-REP.txt, the close phase's req/s, p50 and p99 in
# $OUT/results.csv, for age-split.py and
# ../closedring/close-phase-gc.py (their "last 5 s" fall after the ring's chunks are tenured).
# Usage: OUT=dir CLASSES=dir BASE_JAR=a.jar AGENT_JAR=b.jar REPS=3 steady.sh
set -euo pipefail
mkdir -p "$OUT/logs"
echo "workload,jdk,config,rep,metric,value,unit" > "$OUT/results.csv"
for r in $(seq "${REPS:-3}"); do
  for jdk in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
    j=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk '/java.specification.version/{print $3}')
    for c in ${CONFIGS:-base portwatch}; do
      agent=-javaagent:$BASE_JAR=port=0; [ "$c" = portwatch ] && agent=-javaagent:$AGENT_JAR=port=0
      [ "$c" = none ] && agent=
      log=$OUT/logs/http-$j-$c-$r.txt
      fifo=$(mktemp -u); mkfifo "$fifo"
      "$jdk/bin/java" -Xmx1g -Xlog:gc,gc+age=trace $agent -Dsun.net.httpserver.nodelay=true \
        -cp "$CLASSES" dev.portwatch.bench.HttpServerMain 0 < "$fifo" > "$log" 2>&1 &
      pid=$!
      exec 9> "$fifo"
      port=
      for _ in $(seq 300); do port=$(awk '/^READY /{print $2}' "$log"); [ -n "$port" ] && break; sleep 0.1; done
      wrk -t1 -c16 -d5s "http://127.0.0.1:$port/" > /dev/null
      wrk -t1 -c16 -d2s -H "Connection: close" "http://127.0.0.1:$port/" > /dev/null
      w=$OUT/logs/wrk-$j-$c-$r.txt
      wrk -t1 -c16 -d"${DUR:-20s}" --latency -H "Connection: close" "http://127.0.0.1:$port/" > "$w" 2>&1
      exec 9>&-
      wait "$pid" || true
      rm -f "$fifo"
      rps=$(awk '/^Requests\/sec:/{print $2}' "$w")
      echo "http-close,$j,$c,$r,requests_per_s,$rps,req/s" >> "$OUT/results.csv"
      for p in 50 99; do  # wrk prints us or ms
        v=$(awk -v p="$p%" '$1 == p {v = $2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; print v}' "$w")
        echo "http-close,$j,$c,$r,p${p}_latency,$v,ms" >> "$OUT/results.csv"
      done
      echo "$(date -u +%H:%M:%S) $j $c $r $rps req/s load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/load.txt"
    done
  done
done
