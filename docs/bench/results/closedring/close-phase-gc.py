#!/usr/bin/env python3
"""Young GCs of the Connection: close phase of docs/bench/run.sh's http phase: the last 5 s of each HttpServerMain
run's GC log (JVM_OPTS with -Xlog:gc, or -Xlog:gc,gc+heap=info for the survivor regions). Prints, per JDK and
configuration, the medians over repetitions of: young GC count, median pause, total pause, heap after GC, and
survivor regions after GC, and with -Xlog:gc+age=trace the survivor bytes after GC (what each young collection
copied and kept). Usage: close-phase-gc.py OUT"""
import glob, os, re, statistics, sys

pause = re.compile(r'^\[([0-9.]+)s\].*GC\((\d+)\) Pause Young.*->(\d+)M\((\d+)M\) ([0-9.]+)ms')
survivor = re.compile(r'GC\((\d+)\) Survivor regions: \d+->(\d+)')
age = re.compile(r'GC\((\d+)\) - age +\d+: +\d+ bytes, +(\d+) total')
rows = {}
for f in sorted(glob.glob(os.path.join(sys.argv[1], 'logs', 'http-*-*-*.txt'))):
    _, jdk, config, rep = os.path.basename(f)[:-4].split('-')
    gcs, survivors, aged = [], {}, {}
    for line in open(f):
        m = pause.match(line)
        if m:
            gcs.append((float(m[1]), int(m[2]), int(m[3]), float(m[5])))
        m = survivor.search(line)
        if m:
            survivors[int(m[1])] = int(m[2])
        m = age.search(line)
        if m:
            aged[int(m[1])] = max(aged.get(int(m[1]), 0), int(m[2]))
    if not gcs:
        continue
    close = [g for g in gcs if g[0] >= gcs[-1][0] - 5.0]
    surv = [survivors[g[1]] for g in close if g[1] in survivors]
    kept = [aged.get(g[1], 0) / 1024 for g in close] if aged else []
    rows.setdefault((jdk, config), []).append((len(close), statistics.median(g[3] for g in close),
                                               sum(g[3] for g in close), statistics.median(g[2] for g in close),
                                               statistics.median(surv) if surv else float('nan'),
                                               statistics.median(kept) if kept else float('nan')))
print('| JDK | config | runs | young GCs | median pause (ms) | total pause (ms) | heap after GC (MB) '
      '| survivor regions after GC | survivor KB after GC |')
print('|---|---|---:|---:|---:|---:|---:|---:|---:|')
for (jdk, config), rs in sorted(rows.items()):
    med = [statistics.median(r[i] for r in rs) for i in range(6)]
    print(f'| {jdk} | {config} | {len(rs)} | {med[0]:.0f} | {med[1]:.2f} | {med[2]:.1f} | {med[3]:.0f} | {med[4]:.1f} '
          f'| {med[5]:.0f} |')
