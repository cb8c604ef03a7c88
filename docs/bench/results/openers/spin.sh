#!/bin/bash
# Per-cycle CPU and allocation of the connecting and accepting threads (ChurnSpin, from
# docs/bench/results/churn-walk/ChurnSpin.java.txt compiled into $CP), interleaved over JDKs, kinds and configs.
# usage: spin.sh "jdkhomes" "kinds" "name=jar[,options] ..." reps [warm] [cycles]   (name none: no agent)
# e.g. spin.sh "$JDK17 $JDK25" "socket channel" "none default=/tmp/a.jar thread=/tmp/a.jar,openers=thread" 3
CP=${CP:-/tmp/openers-bench/spin/classes}
for r in $(seq $4); do for j in $1; do for k in $2; do for c in $3; do
 n=${c%%=*}; value=${c#*=}; jar=${value%%,*}; opts=""
 [ "$value" = "${value#*,}" ] || opts=",${value#*,}"
 case $n in none) A="";; *) A="-javaagent:$jar=port=0$opts";; esac
 echo "$(cut -d' ' -f1 /proc/loadavg) $(basename $j) $n $r $($j/bin/java -Xmx1g $A -cp $CP dev.portwatch.bench.ChurnSpin \
   $k ${5:-50000} ${6:-100000} 2>&1 | grep -E "RESULT" | tr "\n" " ")"
done; done; done; done
