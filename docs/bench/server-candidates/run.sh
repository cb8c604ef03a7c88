#!/usr/bin/env bash
# The endpoint's server candidates side by side: the JDK's HttpServer (the endpoint until now), portwatch's own
# selector server, Jetty 12, Netty 4.2 and Undertow 2.4, each started on loopback and asked for one response:
#
#   docs/bench/server-candidates/run.sh
#
# Per candidate and JDK, REPS interleaved runs: milliseconds from main() to the first response, wall time of the
# whole JVM, resident set (VmRSS) after the response, classes loaded (-Xlog:class+load) beyond an empty run that
# opens a plain ServerSocket, threads started, system properties changed, and every line printed on stdout/stderr
# but the result. Dependencies come from Maven Central into $CACHE. Prints a Markdown table; raw data in $OUT.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
REPS=${REPS:-5}
CANDIDATES=${CANDIDATES:-"none jdk portwatch jetty netty undertow"}
CACHE=${CACHE:-$ROOT/target/bench-cache/server-candidates}
OUT=${OUT:-$ROOT/target/bench/server-candidates-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT/logs" "$CACHE/lib" "$OUT/classes"

[ -f "$ROOT/agent/target/portwatch-agent-thin.jar" ] || (cd "$ROOT" && mvn -q package -DskipTests)
if [ ! -f "$CACHE/lib/.done" ]; then
  cat > "$CACHE/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>server-candidates</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.eclipse.jetty</groupId><artifactId>jetty-server</artifactId><version>12.1.14</version></dependency>
    <dependency><groupId>io.netty</groupId><artifactId>netty-codec-http</artifactId><version>4.2.20.Final</version></dependency>
    <dependency><groupId>io.netty</groupId><artifactId>netty-handler</artifactId><version>4.2.20.Final</version></dependency>
    <dependency><groupId>io.undertow</groupId><artifactId>undertow-core</artifactId><version>2.4.4.Final</version></dependency>
  </dependencies>
</project>
POM
  (cd "$CACHE" && mvn -q dependency:copy-dependencies -DoutputDirectory="$CACHE/lib")
  touch "$CACHE/lib/.done"
fi
CP="$ROOT/agent/target/portwatch-agent-thin.jar:$(ls "$CACHE"/lib/*.jar | tr '\n' ':')"
javac -nowarn -d "$OUT/classes" -cp "$CP" "$HERE/dev/portwatch/http/ServerCandidates.java"
CP="$OUT/classes:$CP"

echo "candidate,jdk,rep,ms,wall_ms,rss_kib,classes,threads,properties_changed,other_output_lines" > "$OUT/results.csv"
for rep in $(seq "$REPS"); do
  for jdk in $JDKS; do
    for candidate in $CANDIDATES; do
      log="$OUT/logs/$candidate-$(basename "$jdk")-$rep"
      begin=$(date +%s%N)
      "$jdk/bin/java" -Xlog:class+load:file="$log.classes" -cp "$CP" dev.portwatch.http.ServerCandidates \
        "$candidate" > "$log.out" 2> "$log.err"
      wall=$(( ($(date +%s%N) - begin) / 1000000 ))
      result=$(grep '^RESULT' "$log.out")
      get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$result"; }
      other=$(( $(grep -vc '^RESULT' "$log.out" || true) + $(wc -l < "$log.err") ))
      echo "$candidate,$(basename "$jdk"),$rep,$(get ms),$wall,$(get rssKiB),$(wc -l < "$log.classes"),$(get threads),$(get propertiesChanged),$other" >> "$OUT/results.csv"
    done
  done
done

# Medians per candidate and JDK; classes and RSS beyond the "none" run of the same JDK.
python3 - "$OUT/results.csv" <<'PY' | tee "$OUT/summary.md"
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
med = lambda xs: statistics.median(float(x) for x in xs)
keys = sorted({(r["jdk"], r["candidate"]) for r in rows}, key=lambda k: (k[0], k[1] != "none", k[1]))
base = {}
print("| JDK | candidate | to first response ms | JVM wall ms | RSS MiB (+ over none) | classes (+ over none) | threads | properties changed | other output lines |")
print("|---|---|---|---|---|---|---|---|---|")
for jdk, cand in keys:
    rs = [r for r in rows if r["jdk"] == jdk and r["candidate"] == cand]
    ms, wall, rss, cls = (med(r[k] for r in rs) for k in ("ms", "wall_ms", "rss_kib", "classes"))
    if cand == "none":
        base[jdk] = (rss, cls)
    brss, bcls = base[jdk]
    print(f"| {jdk} | {cand} | {ms:.0f} | {wall:.0f} | {rss/1024:.1f} (+{(rss-brss)/1024:.1f}) | {cls:.0f} (+{cls-bcls:.0f}) "
          f"| {max(int(r['threads']) for r in rs)} | {max(int(r['properties_changed']) for r in rs)} "
          f"| {max(int(r['other_output_lines']) for r in rs)} |")
PY
echo "raw data: $OUT"
