#!/usr/bin/env python3
"""Medians of cpu.sh's lines, ms: main's CPU at main, main's CPU from main's first line to the first socket's return,
portwatch-start's CPU then, every thread's CPU then, main's CPU after FirstSockets' other sockets."""
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) != 7:
        continue
    rows[(p[0], p[1])].append([int(x) / 1e6 for x in p[2:]])
print("%-6s %3s %3s %8s %10s %8s %9s %9s" % ("config", "jdk", "n", "atMain", "mainFirst", "start", "allFirst",
                                          "mainAll"))
for (c, v), rs in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    med = lambda i: statistics.median(r[i] for r in rs)
    print("%-6s %3s %3d %8.1f %10.1f %8.1f %9.1f %9.1f" % (c, v, len(rs), med(0),
          statistics.median(r[1] - r[0] for r in rs), med(2), med(3), med(4)))
