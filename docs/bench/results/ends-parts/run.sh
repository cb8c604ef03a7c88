#!/bin/bash
# usage: run.sh label jar-or-none agent-options   (from the repository root, after mvn -q test-compile -pl agent)
label=$1; jar=$2; opts=$3
for jdk in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
  for kind in channel socket; do
    if [ "$jar" = none ]; then ag=""; else ag="-javaagent:$jar=port=0${opts:+,$opts}"; fi
    out=$($jdk/bin/java $ag -Xmx512m -cp agent/target/test-classes dev.portwatch.bench.ChurnAllocation $kind 30000 50000 2>/dev/null | grep RESULT | sed 's/RESULT [a-z]* //' | tr '\n' ';')
    echo "$label $(basename $jdk | cut -d- -f2) $kind $out"
  done
done
