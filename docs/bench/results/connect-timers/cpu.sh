#!/bin/bash
# usage: cpu.sh base-benchmarks.jar new-benchmarks.jar repetitions
# TimersCpu (TimersCpu.java.txt, compiled against each jar into ./base and ./new) interleaved: base and new on each JDK
for rep in $(seq 1 $3); do
  for jdk in java-17-openjdk-amd64 temurin-25-jdk-amd64; do
    for v in base new; do
      jar=$1; [ $v = new ] && jar=$2
      echo "== rep $rep $jdk $v load $(cut -d' ' -f1 /proc/loadavg)"
      /usr/lib/jvm/$jdk/bin/java -cp $v:$jar TimersCpu 2>&1
    done
  done
done
