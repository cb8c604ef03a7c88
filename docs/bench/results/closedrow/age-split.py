#!/usr/bin/env python3
"""The survivors of the last 5 s of Connection: close, split by age: age 1 (what lived across one young collection:
the rows waiting to settle, the server's own) and older (the ring's chunks until they are tenured); the median over
the collections of each run, in KB; with run.sh's results.csv, age 1 also per 1,000 closes a second of that run (the
rows waiting to settle are the close rate times their wait). Usage: age-split.py DIR [results.csv]
(DIR with logs/http-JDK-CONFIG-REP.txt, gc+age=trace)"""
import glob, os, re, statistics, sys

age = re.compile(r'^\[([0-9.]+)s\].*GC\((\d+)\) - age +(\d+): +(\d+) bytes')
stamp = re.compile(r'^\[([0-9.]+)s\]')
rates = {}
if len(sys.argv) > 2:
    for line in open(sys.argv[2]):
        w, jdk, config, rep, metric, value, _ = line.strip().split(',')
        if w == 'http-close' and metric == 'requests_per_s':
            rates[(jdk, config, rep)] = float(value) / 1000
res = {}
for f in sorted(glob.glob(os.path.join(sys.argv[1], 'logs', 'http-*.txt'))):
    _, jdk, config, rep = os.path.basename(f)[:-4].split('-')
    lines = open(f).read().splitlines()
    last = max(float(m[1]) for line in lines if (m := stamp.match(line)))
    young, old = {}, {}
    for line in lines:
        m = age.match(line)
        if m and float(m[1]) >= last - 5:
            gc = int(m[2])
            if int(m[3]) == 1:
                young[gc] = int(m[4])
            else:
                old[gc] = old.get(gc, 0) + int(m[4])
    gcs = sorted(set(young) | set(old))
    kb = statistics.median(young.get(g, 0) for g in gcs) / 1024
    res.setdefault((jdk, config), []).append((kb, statistics.median(old.get(g, 0) for g in gcs) / 1024,
                                             kb / rates.get((jdk, config, rep), float('nan'))))
print('| JDK | config | age 1 KB, per run | median | per 1,000 req/s | older KB, per run | median |')
print('|---|---|---|---:|---:|---|---:|')
for (jdk, config), runs in sorted(res.items()):
    young_kb = ", ".join(str(round(r[0])) for r in runs)
    old_kb = ", ".join(str(round(r[1])) for r in runs)
    print(f'| {jdk} | {config} | {young_kb} | {statistics.median(r[0] for r in runs):.0f} '
          f'| {statistics.median(r[2] for r in runs):.1f} | {old_kb} | {statistics.median(r[1] for r in runs):.0f} |')
