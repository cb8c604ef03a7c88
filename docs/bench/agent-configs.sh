# Sourced by the start-up and footprint benchmarks: the configurations they compare, "none" (no agent) first, then
# one per NAME=JAR[,OPTIONS] argument, in order. After `agent_configs "$@"`, ${configs[@]} holds the names,
# ${jar[NAME]} the absolute path of each agent jar and ${agent_options[NAME]} the agent options to add after the
# script's own (port=0), if any: cold=agent.jar,weaveCache=/tmp/cold. BEFORE_EACH, if set, is a shell command run
# before each JVM starts (BEFORE_EACH='rm -rf /tmp/cold' keeps that configuration's cache cold).
configs=(none)
declare -A jar
declare -A agent_options
agent_configs() {
  local arg name value
  for arg in "$@"; do
    name=${arg%%=*}
    value=${arg#*=}
    configs+=("$name")
    jar[$name]=$(realpath "${value%%,*}")
    agent_options[$name]=""
    [ "$value" = "${value#*,}" ] || agent_options[$name]=",${value#*,}"
  done
}
# The -javaagent option of configuration $1 (with port=0), none for "none".
agent_option() {
  [ "$1" = none ] || echo "-javaagent:${jar[$1]}=port=0${agent_options[$1]}"
}
before_each() {
  [ -z "${BEFORE_EACH:-}" ] || bash -c "$BEFORE_EACH"
}
# The JVM options of configuration $1: none; jfr, JFR's socket events recorded into $2; else its agent.
config_jvm_options() {
  case $1 in
    none) ;;
    jfr) echo "-XX:StartFlightRecording:settings=$ROOT/docs/bench/socket-io.jfc,filename=$2" ;;
    *) agent_option "$1" ;;
  esac
}
# The feature release (17, 25) of the JDK whose home is $1.
jdk_feature() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk '/java.specification.version/{print $3}'
}
# Writes the 1-min load average into $1 every 10 s until the script exits.
sample_load() {
  ( while :; do echo "$(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 10; done ) > "$1" &
  LOAD_PID=$!
  trap 'kill $LOAD_PID 2>/dev/null || true' EXIT
}
