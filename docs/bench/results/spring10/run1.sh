#!/bin/bash
# run1.sh JDK CONFIG(none|base|new) TAG [JVM options...]: one Spring Boot start to its first 200 (first-counters.py),
# logs in runs/TAG.*; base and new are the two jars with their filled weave caches (paths as in README).
J=$1; C=$2; T=$3; shift 3
HERE=$(cd "$(dirname "$0")" && pwd)
APP=${APP:-$HERE/../../spring-boot/target/spring-boot-bench.jar}
W=${WORK:-/tmp/s10}
case $C in
 none) A=();;
 base) A=(-javaagent:$W/base.jar=weaveCache=$W/wcb);;
 new) A=(-javaagent:$W/new.jar=weaveCache=$W/wcn);;
esac
mkdir -p "$W/runs"
FIRST200_COUNTERS=1 python3 "$HERE/../../spring-boot/first200.py" "$W/runs/$T.txt" -- "$J/bin/java" -Xmx1g "${A[@]}" "$@" -jar "$APP" --server.port=0
