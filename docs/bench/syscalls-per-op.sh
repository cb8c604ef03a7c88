#!/usr/bin/env bash
# System calls per NetChurn operation (tcp-socket, tcp-channel, udp), without an agent and with each agent jar:
#
#   docs/bench/syscalls-per-op.sh name=path/to/a.jar [name=path/to/b.jar ...]
#
# Each workload runs twice under `strace -f -c`, for N1 and N2 operations (dev.portwatch.bench.CountedCycles); the
# difference of the two runs' counts of each system call over N2-N1 is what one operation costs, the JVM's and the
# agent's start-up cancelling out. Blocking calls (futex, poll, sched_yield) depend on timing and vary run to run;
# the others (getsockname, getsockopt, socket, connect, accept, close, ...) are exact. Prints one table per JDK and
# workload: the calls per op of each syscall that any configuration makes at least 0.05 times per op.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORKLOADS=${WORKLOADS:-"tcp-socket tcp-channel udp"}
N1=${N1:-2000}
N2=${N2:-6000}
. "$ROOT/docs/bench/lib/ab-runs.sh"
ab_setup syscalls "$@"

counted() { # $1 jdk, $2 its feature release, $3 workload, $4 config
  local opts n
  opts=$(agent_option "$4")
  # A first short run fills the agent's woven classes' cache, so that both counted runs start alike.
  # shellcheck disable=SC2086
  "$1/bin/java" -Xmx1g $opts -cp "$CLASSES" dev.portwatch.bench.CountedCycles "$3" 10 > /dev/null 2>&1 || true
  for n in "$N1" "$N2"; do
    # shellcheck disable=SC2086
    strace -f -c -o "$OUT/$2-$3-$4-$n.txt" "$1/bin/java" -Xmx1g $opts -cp "$CLASSES" \
      dev.portwatch.bench.CountedCycles "$3" "$n" > /dev/null 2>&1 || echo "warning: $2 $3 $4 $n failed" >&2
  done
}

table() { # $1 jdk, $2 its feature release, $3 workload: the calls per op of each configuration
  local j=$2 w=$3 c
  echo "JDK $j, $w: system calls per op (load $(cut -d' ' -f1 /proc/loadavg))"
  for c in "${configs[@]}"; do
    awk -v c="$c" -v n1="$N1" -v n2="$N2" '
      FNR == 1 { f++ }
      # strace -c rows: % time, seconds, usecs/call, calls, [errors,] syscall
      (NF == 5 || NF == 6) && $4 ~ /^[0-9]+$/ && $NF != "total" { v[f, $NF] = $4; names[$NF] = 1 }
      END { for (s in names) { d = (v[2, s] - v[1, s]) / (n2 - n1); printf "%s,%s,%.3f\n", c, s, d } }
    ' "$OUT/$j-$w-$c-$N1.txt" "$OUT/$j-$w-$c-$N2.txt"
  done | sort -t, -k2,2 -k1,1 > "$OUT/$j-$w.csv"
  awk -F, -v cfgs="${configs[*]}" '{ v[$2, $1] = $3; if ($3 + 0 >= 0.05 || $3 + 0 <= -0.05) keep[$2] = 1 }
    END { n = split(cfgs, cfg, " ")
      printf "| syscall |"; for (i = 1; i <= n; i++) printf " %s |", cfg[i]; print ""
      printf "|---|"; for (i = 1; i <= n; i++) printf "---:|"; print ""
      for (x in keep) { row = "| " x " |"; for (i = 1; i <= n; i++) row = row sprintf(" %.2f |", v[x, cfg[i]] + 0)
        print row | "sort" } }
    ' "$OUT/$j-$w.csv"
}
# One pass: the counts are exact, but for the blocking calls, which no repetition would make exact.
ab_runs 1 counted table
