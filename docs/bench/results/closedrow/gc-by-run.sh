#!/usr/bin/env bash
# Names each GC log of run.sh's http phase (JVM_OPTS=-Xlog:...:file=DIR/gc/gc-%t-%p.log, one file per server in start
# order: repetitions, then JDKs, then configurations) after its run, as logs/http-JDK-CONFIG-REP.txt under gclogs/,
# so that ../closedring/close-phase-gc.py reads them. Usage: gc-by-run.sh DIR [JDKS] [CONFIGS]
set -euo pipefail
dir=$1; jdks=(${2:-17 25}); configs=(${3:-none base portwatch})
mkdir -p "$dir/gclogs/logs"
i=0
for f in $(ls "$dir"/gc/gc-*.log | sort); do
  per_rep=$(( ${#jdks[@]} * ${#configs[@]} ))
  r=$(( i / per_rep + 1 )); j=${jdks[$(( i / ${#configs[@]} % ${#jdks[@]} ))]}; c=${configs[$(( i % ${#configs[@]} ))]}
  grep -E "Pause Young|gc,age|Survivor regions" "$f" > "$dir/gclogs/logs/http-$j-$c-$r.txt"
  i=$((i + 1))
done
echo "$i logs" >&2
