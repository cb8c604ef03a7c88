#!/bin/bash
# usage: alloc.sh label jar-or-none [scraped]   (from the repository root, after mvn -q test-compile -pl agent)
label=$1; jar=$2; mode=$3
for jdk in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
  for kind in channel socket; do
    if [ "$jar" = none ]; then ag=""; else ag="-javaagent:$jar=port=0"; fi
    out=$($jdk/bin/java $ag -Xmx512m -cp agent/target/test-classes dev.portwatch.bench.ChurnAllocation $kind 30000 50000 \
      $mode 2>/dev/null | grep RESULT | sed 's/RESULT [a-z]* //' | tr '\n' ';')
    echo "$label ${mode:-unscraped} $(basename $jdk | cut -d- -f2) $kind $out"
  done
done
