#!/usr/bin/env bash
# Start-up of a Spring Boot 3.5 web app (embedded Tomcat): `java` to its first HTTP 200, wall and CPU time and
# resident memory at that moment, without an agent, with each portwatch jar given, and with JFR's socket events:
#
#   docs/bench/spring-boot/measure.sh [name=path/to/portwatch-agent.jar ...]   # default: portwatch=the built jar
#
# Each repetition starts the app once per JDK and configuration, so a change in the machine's load hits them all
# alike. Builds the app (Spring Boot from Maven Central) on first use; it is not part of the project's build.
# Prints a Markdown table of medians and min-max; raw data in $OUT.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
REPS=${REPS:-7}
JVM_OPTS=${JVM_OPTS:-"-Xmx1g"}
OUT=${OUT:-$ROOT/target/bench/spring-boot-$(date -u +%Y%m%dT%H%M%SZ)}
APP=$HERE/target/spring-boot-bench.jar
mkdir -p "$OUT/logs"
[ -f "$APP" ] || (cd "$HERE" && mvn -q -B package -DskipTests)

. "$ROOT/docs/bench/agent-configs.sh"
[ $# -gt 0 ] || set -- "portwatch=$ROOT/agent/target/portwatch-agent.jar"
agent_configs "$@"
configs+=(jfr)

echo "jdk,config,rep,wall_ms,cpu_ms,rss_mb" > "$OUT/results.csv"
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/load.txt"
for r in $(seq "$REPS"); do
  for jdk in $JDKS; do
    j=$(jdk_feature "$jdk")
    for c in "${configs[@]}"; do
      opts=$(config_jvm_options "$c" "$OUT/rec.jfr")
      before_each
      # shellcheck disable=SC2086
      read -r wall cpu rss < <(python3 "$HERE/first200.py" "$OUT/logs/$j-$c-$r.txt" -- \
        "$jdk/bin/java" $JVM_OPTS $opts -jar "$APP" --server.port=0)
      echo "$j,$c,$r,$wall,$cpu,$rss" >> "$OUT/results.csv"
      rm -f "$OUT/rec.jfr"
    done
  done
  echo "repetition $r done, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"

python3 - "$OUT/results.csv" <<'PY' | tee "$OUT/summary.md"
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
jdks = sorted({r["jdk"] for r in rows}, key=int)
configs = list(dict.fromkeys(r["config"] for r in rows))
def values(j, c, m):
    return [float(r[m]) for r in rows if r["jdk"] == j and r["config"] == c]
print("| JDK | config | wall ms | Δ wall | min-max | CPU ms | Δ CPU | RSS MB | Δ RSS |")
print("|---|---|---:|---:|---|---:|---:|---:|---:|")
for j in jdks:
    base = {m: statistics.median(values(j, "none", m)) for m in ("wall_ms", "cpu_ms", "rss_mb")}
    for c in configs:
        med = {m: statistics.median(values(j, c, m)) for m in ("wall_ms", "cpu_ms", "rss_mb")}
        w = values(j, c, "wall_ms")
        d = lambda m, f="{:+.0f}": "–" if c == "none" else f.format(med[m] - base[m])
        print(f"| {j} | {c} | {med['wall_ms']:.0f} | {d('wall_ms')} | {min(w):.0f}–{max(w):.0f} | "
              f"{med['cpu_ms']:.0f} | {d('cpu_ms')} | {med['rss_mb']:.0f} | {d('rss_mb', '{:+.1f}')} |")
PY
