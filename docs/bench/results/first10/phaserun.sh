#!/bin/bash
# CPU per phase and thread to the first socket: N runs of FirstSocketCpu under perf (cpu-clock every 200 us of a
# thread's CPU, CLOCK_MONOTONIC) with -Xlog:class+load (timenanos, tid); phases.py splits each thread's samples at
# the first load of marker classes. usage: [WORK=dir] phaserun.sh NAME JAR CACHE 17|25 N  (WORK as for cpu.sh)
name=$1 jar=$2 cache=$3 v=$4 n=$5
here=$(cd "$(dirname "$0")" && pwd)
WORK=${WORK:-/tmp/f10}
j=/usr/lib/jvm/java-17-openjdk-amd64/bin; [ $v = 25 ] && j=/usr/lib/jvm/temurin-25-jdk-amd64/bin
mkdir -p $WORK/ph
for i in $(seq $n); do
  p=$WORK/ph/$name-$v-$i
  perf record -q -k CLOCK_MONOTONIC -e cpu-clock -c 200000 -o $p.data -- $j/java \
    -Xlog:class+load:file=$p.log:timenanos,tid -javaagent:$jar=weaveCache=$cache -cp $WORK/cls:$WORK/tc \
    FirstSocketCpu > $p.out 2>&1
  perf script -i $p.data -F comm,tid,time --ns 2>/dev/null > $p.txt
  python3 $here/phases.py $p.txt $p.log 200000 > $p.phases
done
