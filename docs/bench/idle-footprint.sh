#!/usr/bin/env bash
# What an idle JVM holds and has spent 20 s after its start, without an agent and with each portwatch jar given:
# resident memory (VmRSS), CPU time (user + system), and the JVM's Native Memory Tracking summary by category.
#
#   docs/bench/idle-footprint.sh [name=path/to/portwatch-agent.jar ...]   # default: portwatch=the built jar
#
# Runs dev.portwatch.bench.IdleMain (needs agent/target/test-classes: mvn -q package -DskipTests), interleaved:
# each repetition starts it once per JDK and configuration. Prints Markdown tables; raw data in $OUT.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
REPS=${REPS:-3}
IDLE_SECONDS=${IDLE_SECONDS:-20}
JVM_OPTS=${JVM_OPTS:-"-Xmx1g"}
OUT=${OUT:-$ROOT/target/bench/idle-footprint-$(date -u +%Y%m%dT%H%M%SZ)}
CLASSES=$ROOT/agent/target/test-classes
mkdir -p "$OUT/nmt"

. "$ROOT/docs/bench/agent-configs.sh"
[ $# -gt 0 ] || set -- "portwatch=$ROOT/agent/target/portwatch-agent.jar"
agent_configs "$@"

echo "jdk,config,rep,rss_mb,cpu_ms,nmt_committed_mb" > "$OUT/results.csv"
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/load.txt"
for r in $(seq "$REPS"); do
  for jdk in $JDKS; do
    j=$(jdk_feature "$jdk")
    for c in "${configs[@]}"; do
      opts=$(agent_option "$c")
      # shellcheck disable=SC2086
      "$jdk/bin/java" $JVM_OPTS -XX:NativeMemoryTracking=summary $opts -cp "$CLASSES" dev.portwatch.bench.IdleMain \
        > "$OUT/nmt/$j-$c-$r.out" 2>&1 &
      pid=$!
      sleep "$IDLE_SECONDS"
      rss=$(awk '/^VmRSS:/{printf "%.1f", $2/1024}' "/proc/$pid/status")
      cpu=$(awk -v t="$(getconf CLK_TCK)" '{sub(/.*\) /, ""); split($0, f, " "); printf "%.0f", (f[12]+f[13])*1000/t}' \
        "/proc/$pid/stat")
      "$jdk/bin/jcmd" "$pid" VM.native_memory summary scale=KB > "$OUT/nmt/$j-$c-$r.txt" 2>&1 || true
      committed=$(awk '/^Total:/{for(i=1;i<=NF;i++) if ($i ~ /^committed=/){sub("committed=","",$i); sub("KB","",$i); printf "%.1f", $i/1024}}' \
        "$OUT/nmt/$j-$c-$r.txt")
      kill "$pid"; wait "$pid" 2>/dev/null || true
      echo "$j,$c,$r,$rss,$cpu,$committed" >> "$OUT/results.csv"
    done
  done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"

python3 - "$OUT" <<'PY' | tee "$OUT/summary.md"
import csv, glob, os, re, statistics, sys
out = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(out, "results.csv"))))
jdks = sorted({r["jdk"] for r in rows}, key=int)
configs = list(dict.fromkeys(r["config"] for r in rows))
med = lambda j, c, m: statistics.median(float(r[m]) for r in rows if r["jdk"] == j and r["config"] == c)
print("| JDK | config | RSS MB | Δ | CPU ms | Δ | NMT committed MB | Δ |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for j in jdks:
    for c in configs:
        cells = []
        for m in ("rss_mb", "cpu_ms", "nmt_committed_mb"):
            v, b = med(j, c, m), med(j, "none", m)
            cells += [f"{v:.1f}" if m != "cpu_ms" else f"{v:.0f}", "–" if c == "none" else f"{v - b:+.1f}"]
        print(f"| {j} | {c} | " + " | ".join(cells) + " |")
# NMT categories: committed KB, median over repetitions, for the categories where an agent differs most.
cat = re.compile(r"^-\s+(.+?) \(reserved=\d+KB, committed=(\d+)KB")
def categories(path):
    found = {}
    for line in open(path):
        m = cat.match(line.strip())
        if m:
            found[m.group(1).strip()] = int(m.group(2))
    return found
print()
print("NMT committed KB by category (median of the repetitions), the agent's configurations minus none:")
print()
for j in jdks:
    per = {}
    for c in configs:
        files = sorted(glob.glob(os.path.join(out, "nmt", f"{j}-{c}-*.txt")))
        cats = [categories(f) for f in files]
        names = set().union(*cats) if cats else set()
        per[c] = {n: statistics.median(x.get(n, 0) for x in cats) for n in names}
    for c in configs[1:]:
        diffs = sorted(((per[c].get(n, 0) - per["none"].get(n, 0), n) for n in set(per[c]) | set(per["none"])),
                       reverse=True)
        print(f"- JDK {j}, {c}: " + ", ".join(f"{n} {d / 1024:+.1f} MB" for d, n in diffs if abs(d) >= 512))
PY
