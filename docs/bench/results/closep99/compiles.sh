#!/usr/bin/env bash
# one server per config: compilations (PrintCompilation) during keep-alive, then during Connection: close
# usage: OUT=/tmp/comp CLASSES=agent/target/test-classes compiles.sh JDK NAME "JVM OPTIONS"
set -eu
jdk=$1; c=$2; opts=$3; f=$OUT/$c-$(basename $jdk)
fifo=$(mktemp -u); mkfifo $fifo
$jdk/bin/java -Xmx1g $opts -XX:+UnlockDiagnosticVMOptions -XX:+PrintCompilation -Dsun.net.httpserver.nodelay=true -cp $CLASSES dev.portwatch.bench.HttpServerMain 0 < $fifo > $f.log 2>&1 &
pid=$!; exec {fd}> $fifo
for _ in $(seq 300); do port=$(awk '/^READY /{print $2}' $f.log); [ -n "$port" ] && break; sleep 0.1; done
wrk -t1 -c16 -d5s http://127.0.0.1:$port/ >/dev/null; wrk -t1 -c16 -d10s http://127.0.0.1:$port/ >/dev/null
wc -l < $f.log > $f.mark
wrk -t1 -c16 -d3s -H "Connection: close" http://127.0.0.1:$port/ >/dev/null
wc -l < $f.log > $f.mark2
wrk -t1 -c16 -d10s -H "Connection: close" http://127.0.0.1:$port/ >/dev/null
exec {fd}>&-; wait $pid || true; rm -f $fifo
echo "$c $(basename $jdk): lines keepalive-end $(cat $f.mark) close+3s $(cat $f.mark2) end $(wc -l < $f.log)"
