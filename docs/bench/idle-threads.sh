#!/usr/bin/env bash
# Where an idle JVM's CPU goes in its first seconds, thread by thread: each thread's run time (schedstat, in ns)
# polled every 50 ms, so that a thread that ends early (the agent's start-up thread) keeps its last value.
#
#   docs/bench/idle-threads.sh [name=path/to/portwatch-agent.jar[,options] ...]   # default: portwatch=the built jar
#
# Runs dev.portwatch.bench.IdleMain (needs agent/target/test-classes) for $IDLE_SECONDS (20) per JDK and
# configuration, interleaved over $REPS repetitions, and prints each configuration's median per thread name (ms).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
REPS=${REPS:-3}
IDLE_SECONDS=${IDLE_SECONDS:-20}
JVM_OPTS=${JVM_OPTS:-"-Xmx1g"}
OUT=${OUT:-$ROOT/target/bench/idle-threads-$(date -u +%Y%m%dT%H%M%SZ)}
CLASSES=$ROOT/agent/target/test-classes
mkdir -p "$OUT/runs"

. "$ROOT/docs/bench/agent-configs.sh"
[ $# -gt 0 ] || set -- "portwatch=$ROOT/agent/target/portwatch-agent.jar"
agent_configs "$@"

echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/load.txt"
for r in $(seq "$REPS"); do
  for jdk in $JDKS; do
    j=$(jdk_feature "$jdk")
    for c in "${configs[@]}"; do
      # shellcheck disable=SC2086,SC2046
      "$jdk/bin/java" $JVM_OPTS $(agent_option "$c") -cp "$CLASSES" dev.portwatch.bench.IdleMain \
        > "$OUT/runs/$j-$c-$r.out" 2>&1 &
      pid=$!
      python3 - "$pid" "$IDLE_SECONDS" > "$OUT/runs/$j-$c-$r.tsv" <<'PY'
import os, sys, time
pid, idle = int(sys.argv[1]), float(sys.argv[2])
start, last = time.time(), {}
while time.time() - start < idle:
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            comm = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
            last[tid] = (comm, int(open(f"/proc/{pid}/task/{tid}/schedstat").read().split()[0]))
        except OSError:
            pass  # the thread ended between the listing and the read: its last value is kept
    time.sleep(0.05)
by_name = {}
for comm, ns in last.values():
    by_name[comm] = by_name.get(comm, 0) + ns
for comm, ns in by_name.items():
    print(f"{comm}\t{ns / 1e6:.1f}")
print(f"ALL\t{sum(by_name.values()) / 1e6:.1f}")
PY
      kill "$pid"; wait "$pid" 2>/dev/null || true
    done
  done
  echo "load after repetition $r: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
done

python3 - "$OUT" "$IDLE_SECONDS" <<'PY' | tee "$OUT/summary.md"
import glob, os, re, statistics, sys
out = sys.argv[1]
runs = {}
for path in glob.glob(os.path.join(out, "runs", "*.tsv")):
    j, c, r = re.match(r"(\d+)-(.+)-(\d+)\.tsv", os.path.basename(path)).groups()
    runs.setdefault((j, c), []).append(dict((k, float(v)) for k, v in (l.split("\t") for l in open(path))))
configs = list(dict.fromkeys(c for _, c in sorted(runs, key=lambda k: (k[1] != "none", k[1]))))
for j in sorted({j for j, _ in runs}, key=int):
    names = sorted({n for c in configs for run in runs.get((j, c), []) for n in run},
                   key=lambda n: (n == "ALL", -max(statistics.median(run.get(n, 0) for run in runs[(j, c)])
                                                   for c in configs if (j, c) in runs)))
    print(f"\nJDK {j}, ms of CPU per thread name in {sys.argv[2]} s "
          "(median of the repetitions):\n")
    print("| thread | " + " | ".join(configs) + " |")
    print("|---|" + "---:|" * len(configs))
    for n in names:
        cells = [f"{statistics.median(run.get(n, 0) for run in runs[(j, c)]):.1f}" for c in configs]
        if n == "ALL" or max(float(x) for x in cells) >= 0.5:
            print(f"| {n} | " + " | ".join(cells) + " |")
PY
