#!/bin/bash
# batch.sh PREFIX REPS LOGS(0|1) CONFIGS...
P=$1; R=$2; L=$3; shift 3
for r in $(seq 1 $R); do
 for j in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
  f=$($j/bin/java -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
  for c in "$@"; do
   t=$P-$f-$c-$r
   if [ $L = 1 ]; then X=(-Xlog:class+load:file=${WORK:-/tmp/s10}/runs/$t.cl:uptime,tid -Xlog:gc:file=${WORK:-/tmp/s10}/runs/$t.gc -XX:+PrintCompilation); else X=(); fi
   echo "$t $("$(dirname "$0")"/run1.sh $j $c $t "${X[@]}") load $(cut -d' ' -f1 /proc/loadavg)"
  done
 done
done
