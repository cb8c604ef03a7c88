#!/bin/bash
# The main thread's CPU (schedstat ns) at main's first line and after FirstSockets' sockets, interleaved:
# none, noop agent, each jar, both JDKs. usage: [WORK=dir] [TESTCLASSES=dir] cpu.sh N name=jar,cache ...
# Beforehand, from the repository's root (after mvn -q -o package -DskipTests), WORK defaulting to /tmp/pm:
#   javac --release 17 -cp agent/target/test-classes -d $WORK/cls docs/bench/results/premain/CpuAtMain.java
#   (and a no-op agent in $WORK/noop.jar: Premain-Class NoopAgent, a premain that does nothing)
n=$1; shift
WORK=${WORK:-/tmp/pm}
CP=$WORK/cls:${TESTCLASSES:-agent/target/test-classes}
for i in $(seq $n); do
 for v in 17 25; do j=/usr/lib/jvm/java-17-openjdk-amd64/bin; [ $v = 25 ] && j=/usr/lib/jvm/temurin-25-jdk-amd64/bin
  for w in empty first; do a=""; [ $w = first ] && a=first
   echo "none $v $w $($j/java -Xmx1g -cp $CP CpuAtMain $a | cut -d' ' -f2-)"
   echo "noop $v $w $($j/java -Xmx1g -javaagent:$WORK/noop.jar -cp $CP CpuAtMain $a | cut -d' ' -f2-)"
   for c in "$@"; do spec=${c#*=}; echo "${c%%=*} $v $w $($j/java -Xmx1g -javaagent:${spec%%,*}=weaveCache=${spec#*,} -cp $CP CpuAtMain $a | cut -d' ' -f2-)"; done
  done
 done
done
