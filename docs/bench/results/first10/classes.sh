#!/bin/bash
# Classes loaded on main's thread from main's first line to the first socket's return (FirstSocketCpu, its Mark),
# with -Xlog:class+load and thread ids: portwatch's, spun lambda forms, all; and the whole run's. usage: [WORK=dir]
# classes.sh name=jar,cache ...
WORK=${WORK:-/tmp/f10}
for v in 17 25; do j=/usr/lib/jvm/java-17-openjdk-amd64/bin; [ $v = 25 ] && j=/usr/lib/jvm/temurin-25-jdk-amd64/bin
 for c in "$@"; do spec=${c#*=}; f=$WORK/classes-${c%%=*}-$v.log
  $j/java -Xmx1g -Xlog:class+load:file=$f:tid -javaagent:${spec%%,*}=weaveCache=${spec#*,} -cp $WORK/cls:$WORK/tc \
    FirstSocketCpu > /dev/null 2>&1
  tid=$(grep -m1 " FirstSocketCpu " $f | cut -d']' -f1)
  awk -v t="$tid]" -v name="${c%%=*} $v" 'index($0," FirstSocketCpu ")>0{on=1} index($0,"FirstSocketCpu$Mark")>0{on=0}
    on && index($0,t)==1 {all++; if ($2 ~ /^dev\.portwatch\./) pw++; if ($2 ~ /LambdaForm\$/) lf++}
    {total++} END {printf "%s main to first socket: portwatch %d, lambda forms %d, all %d; whole run %d\n",
    name, pw, lf, all, total}' $f
 done
done
