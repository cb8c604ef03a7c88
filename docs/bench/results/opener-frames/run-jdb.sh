#!/bin/bash
# usage: run-jdb.sh jdkhome agentjar port out   — breakpoints at RecordedSites.current, prints each hit's stack
JDK=$1; JAR=$2; PORT=$3; OUT=$4
$JDK/bin/java -agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:$PORT \
  -javaagent:$JAR=port=0 -cp ${CP:-/tmp/opener9/fc} FrameCount 0 > $OUT.app 2>&1 &
APP=$!
sleep 2
{
  echo "stop in dev.portwatch.capture.RecordedSites.current"
  sleep 1; echo "resume"
  for i in $(seq 40); do sleep 1.2; echo "where"; echo 'print recorded == null ? -1 : recorded.getStackTrace().length'; echo "cont"; done
  sleep 1; echo "exit"
} | $JDK/bin/jdb -attach 127.0.0.1:$PORT > $OUT 2>&1
kill $APP 2>/dev/null; wait $APP 2>/dev/null
