# Sourced by the A/B benchmarks that interleave agent jars per JDK (churn-ab, cpu-per-op, syscalls-per-op, heap-ab,
# scrape-ab, and through lib/app-runs.sh idle-footprint and spring-boot/*): one place for their set-up, their loop
# over repetitions, JDKs, workloads and configurations, and their medians. Set ROOT before sourcing; JDKS, CLASSES
# and OUT may come from the environment.
# shellcheck source=../agent-configs.sh
. "$ROOT/docs/bench/agent-configs.sh"
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
CLASSES=${CLASSES:-$ROOT/agent/target/test-classes}

# ab_setup NAME NAME=JAR...: $OUT (default target/bench/NAME-<time>), the configurations, the load sampled into
# $OUT/load.txt.
ab_setup() {
  OUT=${OUT:-$ROOT/target/bench/$1-$(date -u +%Y%m%dT%H%M%SZ)}
  shift
  mkdir -p "$OUT"
  agent_configs "$@"
  sample_load "$OUT/load.txt"
}

# ab_runs REPS RUN [AFTER [AFTER_REP]]: RUN jdk feature workload config rep, for every configuration in turn within
# each workload ($WORKLOADS) within each JDK within each repetition, so that a change in the machine's load hits
# every configuration alike; AFTER jdk feature workload, if given, once all configurations of a workload have run;
# AFTER_REP rep, if given, once a repetition has run.
ab_runs() {
  local reps=$1 run=$2 after=${3:-} after_rep=${4:-} r jdk j w c
  for r in $(seq "$reps"); do
    for jdk in $JDKS; do
      j=$(jdk_feature "$jdk")
      for w in $WORKLOADS; do
        for c in "${configs[@]}"; do
          "$run" "$jdk" "$j" "$w" "$c" "$r"
        done
        [ -z "$after" ] || "$after" "$jdk" "$j" "$w"
      done
    done
    [ -z "$after_rep" ] || "$after_rep" "$r"
  done
}

# ab_medians "KEY COLUMNS" VALUE_COLUMN CONFIG_COLUMN < csv without header: a line per key, its columns then the
# median, min and max of its values and the median of no agent's (the same key with config "none"), comma-separated.
ab_medians() {
  sort -t, -k"$2,$2g" | awk -F, -v keys="$1" -v col="$2" -v cfg="$3" '
    BEGIN { nk = split(keys, k, " ") }
    { key = $k[1]; for (i = 2; i <= nk; i++) key = key "," $k[i]; v[key, ++n[key]] = $col }
    END {
      for (key in n) { c = n[key]; med[key] = (c % 2) ? v[key, (c + 1) / 2] : (v[key, c / 2] + v[key, c / 2 + 1]) / 2 }
      for (key in n) { split(key, p, ","); none = ""
        for (i = 1; i <= nk; i++) none = none (i > 1 ? "," : "") (k[i] == cfg ? "none" : p[i])
        print key "," med[key] "," v[key, 1] "," v[key, n[key]] "," med[none] }
    }'
}

# The 1-min load's min, median and max over the run.
ab_load() {
  echo "load (1-min) min/median/max: $(awk '{print $2}' "$OUT/load.txt" | sort -g \
    | awk '{a[NR]=$1} END{print a[1] " / " a[int((NR+1)/2)] " / " a[NR]}')"
}
