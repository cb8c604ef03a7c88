# Sourced by the benchmarks that start a whole application once per repetition, JDK and configuration
# (idle-footprint, spring-boot/measure, spring-boot/throughput): their set-up, the JVM they launch and the loop of
# ab-runs.sh around it, with the load printed at the start, the end and, if asked, after each repetition.
# Set ROOT before sourcing; JDKS, JVM_OPTS, OUT and BEFORE_EACH may come from the environment.
# shellcheck source=ab-runs.sh
. "$ROOT/docs/bench/lib/ab-runs.sh"
JVM_OPTS=${JVM_OPTS:-"-Xmx1g"}
WORKLOADS=app  # the application is the one workload

# app_setup NAME DIR [NAME=JAR[,OPTIONS]...]: $OUT (default target/bench/NAME-<time>) and $OUT/DIR, then the
# configurations, portwatch=the built jar when none is given.
app_setup() {
  OUT=${OUT:-$ROOT/target/bench/$1-$(date -u +%Y%m%dT%H%M%SZ)}
  mkdir -p "$OUT/$2"
  shift 2
  [ $# -gt 0 ] || set -- "portwatch=$ROOT/agent/target/portwatch-agent.jar"
  agent_configs "$@"
}

# app_spring_boot DIR: $APP, the Spring Boot app of DIR, built on first use (it is not part of the project's build).
app_spring_boot() {
  APP=$1/target/spring-boot-bench.jar
  [ -f "$APP" ] || (cd "$1" && mvn -q -B package -DskipTests)
}

# app_java JDK CONFIG: ${java_cmd[@]}, the java command of CONFIG (jfr records into $OUT/rec.jfr) on JDK, after
# BEFORE_EACH has run.
app_java() {
  local opts
  opts=$(config_jvm_options "$2" "$OUT/rec.jfr")
  before_each
  # shellcheck disable=SC2206
  java_cmd=("$1/bin/java" $JVM_OPTS $opts)
}

# app_runs REPS RUN [AFTER_REP]: ab_runs between the load at start and at end (into $OUT/load.txt); the JFR
# recording of a run does not outlive it.
app_runs() {
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/load.txt"
  app_run=$2
  ab_runs "$1" app_run_once "" "${3:-}"
  echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
}
app_run_once() {
  "$app_run" "$@"
  rm -f "$OUT/rec.jfr"
}

# An AFTER_REP for app_runs: the load once repetition $1 is done.
app_repetition_load() {
  echo "repetition $1 done, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
}

# app_table KIND: the Markdown tables of lib/tables.py KIND from $OUT, also into $OUT/summary.md.
app_table() {
  python3 "$ROOT/docs/bench/lib/tables.py" "$1" "$OUT" | tee "$OUT/summary.md"
}
