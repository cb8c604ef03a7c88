#!/bin/bash
# Per-cycle CPU and allocation of the connecting and accepting threads (ChurnSpin, from
# docs/bench/results/churn-walk/ChurnSpin.java.txt compiled into $CP), interleaved over JDKs, kinds and builds.
# usage: spin.sh "jdkhomes" "kinds" "name=jar ..." reps [warm] [cycles]   (name none: no agent)
CP=${CP:-/tmp/percycle/spin/classes}
for r in $(seq $4); do for j in $1; do for k in $2; do for c in $3; do
 n=${c%%=*}; jar=${c#*=}
 case $n in none) A="";; *) A="-javaagent:$jar=port=0";; esac
 echo "$(cut -d' ' -f1 /proc/loadavg) $(basename $j) $n $r $($j/bin/java -Xmx1g $A -cp $CP dev.portwatch.bench.ChurnSpin \
   $k ${5:-50000} ${6:-100000} 2>&1 | grep -E "RESULT" | tr "\n" " ")"
done; done; done; done
