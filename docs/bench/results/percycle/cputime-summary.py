# CpuTimeBench lines of cputime.txt: per JDK and operation, each build's medians (one per run), and new / base.
import re, sys, collections, statistics
runs = collections.defaultdict(list); key = None
for line in open(sys.argv[1]):
    m = re.match(r'== (\S+) (base|new) (\d+)', line)
    if m:
        key = ('25' if '25' in m.group(1) else '17', m.group(2))
        continue
    m = re.match(r'(\S+)\s+median\s+([\d.]+) ns', line)
    if m and key:
        runs[(key[0], m.group(1), key[1])].append(float(m.group(2)))
print('| JDK | operation | base (CPU ns, per run) | new | new / base |')
print('|---|---|---|---|---:|')
for jdk in ('17', '25'):
    for op in dict.fromkeys(k[1] for k in runs if k[0] == jdk):
        b, n = runs.get((jdk, op, 'base'), []), runs.get((jdk, op, 'new'), [])
        if b and n:
            print(f'| {jdk} | `{op}` | {", ".join("%.0f" % x for x in b)} | {", ".join("%.0f" % x for x in n)} '
                  f'| {statistics.median(n) / statistics.median(b):.2f} |')
