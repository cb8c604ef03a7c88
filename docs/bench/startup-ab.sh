#!/usr/bin/env bash
# Start-up of two or more builds of the agent jar, interleaved with runs without any agent:
#
#   docs/bench/startup-ab.sh name=path/to/a.jar name=path/to/b.jar[,agent options]
#
# Each repetition starts EmptyMain and FirstSockets once on each JDK without an agent and with each jar, so a
# change in the machine's load hits them all alike. Also counts the classes (and Byte Buddy's) each one loads.
# Needs agent/target/test-classes (mvn -q package -DskipTests). Prints Markdown tables; raw data in $OUT.
#
# NOOP_AGENT=1 adds the configuration noop-agent: a jar whose premain does nothing (dev.portwatch.bench.NoopAgent),
# the floor that any -javaagent costs, which no agent can go under.
#
# CDS=1 adds each configuration again as NAME+cds, started with a class-data archive trained beforehand on the same
# workload, JDK and configuration: on JDK 17 a static AppCDS archive dumped from the training run's class list
# (with the agent, its jar is on -cp as well, so that its own classes and Byte Buddy's are archived too), on JDK 25
# the AOT cache (-XX:AOTCacheOutput; the agent's jar only behind -javaagent, see benchmarks.md). The workloads then
# run from a jar, in every configuration, since class-data sharing archives no class from a directory.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
REPS=${REPS:-10}
JVM_OPTS=${JVM_OPTS:-"-Xmx1g"}
CDS=${CDS:-0}
OUT=${OUT:-$ROOT/target/bench/startup-ab-$(date -u +%Y%m%dT%H%M%SZ)}
CLASSES=$ROOT/agent/target/test-classes
CSV=$OUT/results.csv
mkdir -p "$OUT"
echo "workload,jdk,config,rep,metric,value,unit" > "$CSV"
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }

. "$ROOT/docs/bench/agent-configs.sh"
if [ "${NOOP_AGENT:-0}" = 1 ]; then
  printf 'Premain-Class: dev.portwatch.bench.NoopAgent\n' > "$OUT/noop-manifest.txt"
  "${JDKS%% *}/bin/jar" cfm "$OUT/noop-agent.jar" "$OUT/noop-manifest.txt" -C "$CLASSES" \
    dev/portwatch/bench/NoopAgent.class
  set -- "noop-agent=$OUT/noop-agent.jar" "$@"
fi
agent_configs "$@"
runs=("${configs[@]}")
if [ "$CDS" = 1 ]; then
  jar_tool=${JDKS%% *}/bin/jar
  "$jar_tool" cf "$OUT/workloads.jar" -C "$CLASSES" dev/portwatch/bench
  CLASSES=$OUT/workloads.jar
  mkdir -p "$OUT/cds"
  for c in "${configs[@]}"; do runs+=("$c+cds"); done
fi

# The options of run configuration $2 on JDK $1 (feature release $3) for workload $4; echoes "options;classpath".
run_options() {
  local jdk=$1 c=${2%+cds} feature=$3 main=$4 opts="" cp=$CLASSES archive
  opts=$(agent_option "$c")
  if [ "$c" != "$2" ]; then
    archive=$OUT/cds/$feature-$c-$main
    if [ "$feature" -ge 25 ]; then
      opts="$opts -XX:AOTCache=$archive.aot"
    else
      [ "$c" = none ] || cp="$cp:${jar[$c]}"
      opts="$opts -XX:SharedArchiveFile=$archive.jsa"
    fi
  fi
  echo "$opts;$cp"
}

# Trains the archive that run configuration $2 (a NAME+cds) of workload $4 starts with.
train_archive() {
  local jdk=$1 c=${2%+cds} feature=$3 main=$4 spec opts cp archive
  spec=$(run_options "$jdk" "$2" "$feature" "$main")
  cp=${spec#*;}
  archive=$OUT/cds/$feature-$c-$main
  opts=$(agent_option "$c")
  # shellcheck disable=SC2086
  if [ "$feature" -ge 25 ]; then
    "$jdk/bin/java" -XX:AOTCacheOutput="$archive.aot" $JVM_OPTS $opts -cp "$cp" "dev.portwatch.bench.$main" \
      > "$archive.log" 2>&1
  else
    "$jdk/bin/java" -XX:DumpLoadedClassList="$archive.classlist" $JVM_OPTS $opts -cp "$cp" \
      "dev.portwatch.bench.$main" > "$archive.log" 2>&1
    "$jdk/bin/java" -Xshare:dump -XX:SharedClassListFile="$archive.classlist" -XX:SharedArchiveFile="$archive.jsa" \
      $JVM_OPTS -cp "$cp" >> "$archive.log" 2>&1
  fi
}

if [ "$CDS" = 1 ]; then
  for jdk in $JDKS; do
    for c in "${configs[@]}"; do
      for main in EmptyMain FirstSockets; do
        train_archive "$jdk" "$c+cds" "$(jdk_feature "$jdk")" "$main"
      done
    done
  done
fi
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/load.txt"

for r in $(seq "$REPS"); do
  for jdk in $JDKS; do
    j=$(jdk_feature "$jdk")
    for c in "${runs[@]}"; do
      for main in EmptyMain FirstSockets; do
        spec=$(run_options "$jdk" "$c" "$j" "$main")
        opts=${spec%;*}
        cp=${spec#*;}
        before_each
        # shellcheck disable=SC2086
        /usr/bin/time -f "%e %U %S" -o "$OUT/time.txt" "$jdk/bin/java" $JVM_OPTS $opts -cp "$cp" \
          "dev.portwatch.bench.$main" > /dev/null 2>&1
        read -r wall user sys < "$OUT/time.txt"
        echo "startup-$main,$j,$c,$r,wall,$(awk -v w="$wall" 'BEGIN{print w*1000}'),ms" >> "$CSV"
        echo "startup-$main,$j,$c,$r,cpu,$(awk -v u="$user" -v s="$sys" 'BEGIN{print (u+s)*1000}'),ms" >> "$CSV"
        if [ "$r" = 1 ]; then
          before_each
          # shellcheck disable=SC2086
          "$jdk/bin/java" $JVM_OPTS $opts -Xlog:class+load=info:file="$OUT/classes.txt" -cp "$cp" \
            "dev.portwatch.bench.$main" > /dev/null 2>&1
          echo "classes-$main,$j,$c,1,loaded_classes,$(grep -c 'class,load' "$OUT/classes.txt"),classes" >> "$CSV"
          echo "classes-$main,$j,$c,1,byte_buddy_classes,$(grep -c 'net\.bytebuddy\.' "$OUT/classes.txt" || true),classes" >> "$CSV"
          # From the archive (the JDK's default one included), and of those Byte Buddy's.
          echo "classes-$main,$j,$c,1,shared_classes,$(grep -c 'shared objects file' "$OUT/classes.txt" || true),classes" >> "$CSV"
          echo "classes-$main,$j,$c,1,shared_byte_buddy_classes,$(grep 'net\.bytebuddy\.' "$OUT/classes.txt" | grep -c 'shared objects file' || true),classes" >> "$CSV"
        fi
      done
    done
  done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
java -cp "$CLASSES" dev.portwatch.bench.Summary "$CSV" | tee "$OUT/summary.md"
