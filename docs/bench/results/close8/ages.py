#!/usr/bin/env python3
"""gcdetail.sh's logs, the measured Connection: close part only: per run, the young pauses, their mean Object Copy,
Reference Processing and whole pause (ms), and the survivors after each by age (KB, mean over the pauses): age 1
(what lived across one collection: the rows waiting to settle and the server's own) and older. Usage: ages.py OUT"""
import glob, os, re, statistics, sys

def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0

print('| run | pauses | pause ms | Object Copy ms | Reference Processing ms | age 1 KB | older KB | close req/s |')
print('|---|---:|---:|---:|---:|---:|---:|---:|')
for log in sorted(glob.glob(os.path.join(sys.argv[1], '*.gc.log'))):
    run = os.path.basename(log)[:-len('.gc.log')]
    start = float(open(log[:-len('.gc.log')] + '.window').read().split()[1])
    gcs = {}
    for line in open(log):
        m = re.match(r'\[([0-9.]+)s\] GC\((\d+)\) (.*)', line)
        if not m or float(m.group(1)) < start:
            continue
        g = gcs.setdefault(m.group(2), {'age1': 0, 'older': 0})
        text = m.group(3)
        if (p := re.match(r'Pause Young .* ([0-9.]+)ms$', text)):
            g['pause'] = float(p.group(1))
        elif (p := re.match(r'\s*Object Copy \(ms\):.*Max: *([0-9.]+)', text)):
            g['copy'] = float(p.group(1))
        elif (p := re.match(r'\s*Reference Processing: ([0-9.]+)ms', text)):
            g['ref'] = float(p.group(1))
        elif (p := re.match(r'- age +(\d+): +(\d+) bytes', text)):
            g['age1' if p.group(1) == '1' else 'older'] += int(p.group(2))
    young = [g for g in gcs.values() if 'pause' in g]
    rps = re.search(r'Requests/sec:\s+([0-9.]+)', open(log[:-len('.gc.log')] + '.close.wrk.txt').read()).group(1)
    print('| %s | %d | %.2f | %.2f | %.2f | %.0f | %.0f | %s |' % (
        run, len(young), mean([g['pause'] for g in young]), mean([g.get('copy', 0) for g in young]),
        mean([g.get('ref', 0) for g in young]), mean([g['age1'] for g in young]) / 1024,
        mean([g['older'] for g in young]) / 1024, rps))
