#!/bin/bash
# CPU to the first socket (schedstat ns, FirstSocketCpu), interleaved: none, noop agent, each jar, both JDKs.
# usage: [WORK=dir] cpu.sh N name=jar,cache ...   (WORK holds cls/ with FirstSocketCpu, tc/ the test classes,
# noop.jar; from the repository's root after mvn -q -o package -DskipTests:
#   javac --release 17 -cp agent/target/test-classes -d $WORK/cls docs/bench/results/first10/FirstSocketCpu.java)
# Prints: config jdk main_at_main main_after_first start_after_first all_after_first main_after_all
n=$1; shift
WORK=${WORK:-/tmp/f10}
CP=$WORK/cls:$WORK/tc
for i in $(seq $n); do
 for v in 17 25; do j=/usr/lib/jvm/java-17-openjdk-amd64/bin; [ $v = 25 ] && j=/usr/lib/jvm/temurin-25-jdk-amd64/bin
   echo "none $v $($j/java -Xmx1g -cp $CP FirstSocketCpu | cut -d' ' -f2-)"
   echo "noop $v $($j/java -Xmx1g -javaagent:$WORK/noop.jar -cp $CP FirstSocketCpu | cut -d' ' -f2-)"
   for c in "$@"; do spec=${c#*=}
     echo "${c%%=*} $v $($j/java -Xmx1g -javaagent:${spec%%,*}=weaveCache=${spec#*,} -cp $CP FirstSocketCpu 2>/dev/null \
       | grep cpu_ns | cut -d' ' -f2-)"
   done
 done
done
