# Sourced by the start-up and footprint benchmarks: the configurations they compare, "none" (no agent) first, then
# one per NAME=JAR argument, in order. After `agent_configs "$@"`, ${configs[@]} holds the names and ${jar[NAME]}
# the absolute path of each agent jar.
configs=(none)
declare -A jar
agent_configs() {
  local arg
  for arg in "$@"; do
    configs+=("${arg%%=*}")
    jar[${arg%%=*}]=$(realpath "${arg#*=}")
  done
}
