#!/usr/bin/env bash
# Start-up of two or more builds of the agent jar, interleaved with runs without any agent:
#
#   docs/bench/startup-ab.sh name=path/to/a.jar name=path/to/b.jar[,agent options]
#
# Each repetition starts EmptyMain and FirstSockets once on each JDK without an agent and with each jar, so a
# change in the machine's load hits them all alike. Also counts the classes (and Byte Buddy's) each one loads.
# Needs agent/target/test-classes (mvn -q package -DskipTests). Prints Markdown tables; raw data in $OUT.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
REPS=${REPS:-10}
JVM_OPTS=${JVM_OPTS:-"-Xmx1g"}
OUT=${OUT:-$ROOT/target/bench/startup-ab-$(date -u +%Y%m%dT%H%M%SZ)}
CLASSES=$ROOT/agent/target/test-classes
CSV=$OUT/results.csv
mkdir -p "$OUT"
echo "workload,jdk,config,rep,metric,value,unit" > "$CSV"
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }

. "$ROOT/docs/bench/agent-configs.sh"
agent_configs "$@"
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/load.txt"

for r in $(seq "$REPS"); do
  for jdk in $JDKS; do
    j=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk '/java.specification.version/{print $3}')
    for c in "${configs[@]}"; do
      opts=$(agent_option "$c")
      for main in EmptyMain FirstSockets; do
        before_each
        # shellcheck disable=SC2086
        /usr/bin/time -f "%e %U %S" -o "$OUT/time.txt" "$jdk/bin/java" $JVM_OPTS $opts -cp "$CLASSES" \
          "dev.portwatch.bench.$main" > /dev/null 2>&1
        read -r wall user sys < "$OUT/time.txt"
        echo "startup-$main,$j,$c,$r,wall,$(awk -v w="$wall" 'BEGIN{print w*1000}'),ms" >> "$CSV"
        echo "startup-$main,$j,$c,$r,cpu,$(awk -v u="$user" -v s="$sys" 'BEGIN{print (u+s)*1000}'),ms" >> "$CSV"
        if [ "$r" = 1 ]; then
          before_each
          # shellcheck disable=SC2086
          "$jdk/bin/java" $JVM_OPTS $opts -Xlog:class+load=info:file="$OUT/classes.txt" -cp "$CLASSES" \
            "dev.portwatch.bench.$main" > /dev/null 2>&1
          echo "classes-$main,$j,$c,1,loaded_classes,$(grep -c 'class,load' "$OUT/classes.txt"),classes" >> "$CSV"
          echo "classes-$main,$j,$c,1,byte_buddy_classes,$(grep -c 'net\.bytebuddy\.' "$OUT/classes.txt" || true),classes" >> "$CSV"
        fi
      done
    done
  done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
java -cp "$CLASSES" dev.portwatch.bench.Summary "$CSV" | tee "$OUT/summary.md"
