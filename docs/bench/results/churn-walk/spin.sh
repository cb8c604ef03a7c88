#!/bin/bash
# usage: spin.sh JDKHOME "kinds" "configs" reps
CP=/tmp/churnprof/classes
for r in $(seq $4); do for k in $2; do for c in $3; do
 case $c in none) A="";; main) A="-javaagent:/work/base/main-6255f94.jar=port=0";; new) A="-javaagent:/work/wt/churn/agent/target/portwatch-agent.jar=port=0";; *) A="-javaagent:$c=port=0";; esac
 echo "$(cut -d' ' -f1 /proc/loadavg) $c $($1/bin/java -Xmx1g $A -cp $CP dev.portwatch.bench.ChurnSpin $k 100000 100000 2>&1 | grep -E "RESULT|SCHED" | tr "\n" " ")"
done; done; done
