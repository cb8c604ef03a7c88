#!/bin/bash
# usage: probe.sh N jar... ; prints "jarname jdk label us" lines
n=$1; shift
for i in $(seq $n); do for v in 17 25; do j=/usr/lib/jvm/java-17-openjdk-amd64/bin; [ $v = 25 ] && j=/usr/lib/jvm/temurin-25-jdk-amd64/bin
 for jar in "$@"; do $j/java -Xmx1g -javaagent:$jar=weaveCache=/tmp/br/wcc -cp /tmp/br/cls:/tmp/br/tc CpuAtMain 2>&1 >/dev/null | grep -v portwatch | sed "s#^#$(basename $jar .jar) $v #"; done; done; done
