#!/bin/bash
# Classes loaded on the main thread (the one that loads the main class), -Xlog:class+load:file=F:tid:
# "empty": from PortwatchAgent up to the main class; "first": every one from PortwatchAgent on.
f=$1; mode=$2; cls=$3
tid=$(grep -m1 " $cls " $f | cut -d']' -f1)
awk -v t="$tid]" -v mode=$mode -v cls=" $cls " 'index($0,"dev.portwatch.agent.PortwatchAgent ")>0{on=1}
 on && index($0,t)==1 {n++; if (mode=="empty" && index($0,cls)>0) {print n-1; exit}} END{if(mode!="empty") print n}' $f
