#!/bin/bash
# System calls of main's thread from main's first line to the first socket's return (FirstSocketCpu: from its
# class file's open to its Mark's), by name, with strace -f. usage: [WORK=dir] syscalls.sh name=jar,cache ...
WORK=${WORK:-/tmp/f10}
for v in 17 25; do j=/usr/lib/jvm/java-17-openjdk-amd64/bin; [ $v = 25 ] && j=/usr/lib/jvm/temurin-25-jdk-amd64/bin
 for c in "$@"; do spec=${c#*=}; f=$WORK/strace-${c%%=*}-$v.txt
  strace -f -qq -o $f $j/java -Xmx1g -javaagent:${spec%%,*}=weaveCache=${spec#*,} -cp $WORK/cls:$WORK/tc \
    FirstSocketCpu > /dev/null 2>&1
  tid=$(grep -m1 'FirstSocketCpu.class' $f | cut -d' ' -f1)
  echo "${c%%=*} $v: $(awk -v t=$tid '$1==t && /FirstSocketCpu.class/ {on=1} $1==t && /FirstSocketCpu\$Mark.class/ {on=0}
    on && $1==t {n++; s=$2; sub(/\(.*/,"",s); if (s ~ /^</) next; c[s]++} END {printf "%d calls:", n;
    for (k in c) if (c[k] >= 3) printf " %s %d", k, c[k]}' $f)"
 done
done
