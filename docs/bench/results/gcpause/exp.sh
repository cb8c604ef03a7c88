#!/usr/bin/env bash
# exp.sh JDK AGENTJAR|none OUTPREFIX [extra jvm opts...]: 5s keep-alive warmup, 2s close warmup, 10s close measured
# /tmp/gcp/classes: a copy of agent/target/test-classes (HttpServerMain). gcsum.py LOG...: pause and survivor medians
# of the last 20-10 s and 10-0 s. JFR promotion events: extra opts -XX:StartFlightRecording:settings=promo.jfc,...
set -u
jdk=$1; jar=$2; out=$3; shift 3
opts=""
[ "$jar" != none ] && opts="-javaagent:$jar=port=0"
fifo=$(mktemp -u); mkfifo $fifo
$jdk/bin/java -Xmx1g "$@" $opts -Dsun.net.httpserver.nodelay=true -cp /tmp/gcp/classes dev.portwatch.bench.HttpServerMain 0 < $fifo > $out.log 2>&1 &
pid=$!
exec 9> $fifo
for i in $(seq 300); do port=$(awk '/^READY /{print $2}' $out.log); [ -n "$port" ] && break; sleep 0.1; done
wrk -t1 -c16 -d5s http://127.0.0.1:$port/ > /dev/null
wrk -t1 -c16 -d2s -H "Connection: close" http://127.0.0.1:$port/ > /dev/null
echo "MARK $(date +%s.%N)" >> $out.log
( [ -n "${HISTO:-}" ] && sleep 5 && $jdk/bin/jcmd $pid GC.class_histogram > $out.histo 2>&1 ) &
hp=$!
wrk -t1 -c16 -d${DUR:-10s} --latency -H "Connection: close" http://127.0.0.1:$port/ > $out.wrk 2>&1
wait $hp
exec 9>&-
wait $pid
rm -f $fifo
echo "$(basename $out) $(awk '/^Requests\/sec/{print $2}' $out.wrk) p50 $(awk '$1=="50%"{print $2}' $out.wrk) p99 $(awk '$1=="99%"{print $2}' $out.wrk) load $(cut -d' ' -f1 /proc/loadavg)"
