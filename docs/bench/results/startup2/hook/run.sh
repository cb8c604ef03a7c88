#!/usr/bin/env bash
# CPU of loading 5000 JDK classes (unloaded, uninitialized) with no agent, a premain that does nothing, a premain
# that registers one no-op retransform-capable transformer, and portwatch (main's and this branch's jars).
N=${N:-5000}
echo "jdk,config,rep,cpu_ms,load_ms"
for r in 1 2 3 4 5; do for j in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
  f=$(basename $j | cut -d- -f1-2)
  for c in none noop hook main new; do
    case $c in none) o="";; noop) o="-javaagent:noop.jar";; hook) o="-javaagent:hook.jar";;
      main) o="-javaagent:/tmp/s2/main.jar=port=0,weaveCache=/tmp/s2/wcm";;
      new) o="-javaagent:/tmp/s2/new.jar=port=0,weaveCache=/tmp/s2/wcn";; esac
    out=$( { /usr/bin/time -f "TIME %U %S" $j/bin/java -Xmx1g $o -cp . LoadMany $N 2>&1; } 2>&1 )
    cpu=$(echo "$out" | awk '/^TIME/{printf "%d", ($2+$3)*1000}'); ms=$(echo "$out" | awk '/classes/{print $3}')
    echo "$f,$c,$r,$cpu,$ms"
  done; done; done
