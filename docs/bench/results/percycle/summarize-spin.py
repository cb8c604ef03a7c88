# Medians per (JDK, kind, build) of spin.sh's lines: the connecting and the accepting thread's CPU and allocation
# per cycle, and what the agent adds to each over no agent's median. usage: python3 summarize-spin.py spin.txt
import re, sys, statistics, collections
rows = collections.defaultdict(list)
pat = (r'(\S+) (\S+) (\S+) (\d+) RESULT (\S+) .*connect-work/op=(\d+) .*acceptor/op=(\d+) '
       r'.*connect=(\d+) acceptor=(\d+)')
for line in open(sys.argv[1]):
    m = re.match(pat, line)
    if m:
        load, jdk, conf, rep, kind, work, acc, alloc, aalloc = m.groups()
        rows[(jdk, kind, conf)].append((int(work), int(acc), int(alloc), int(aalloc), float(load)))
print('| JDK | churn | build | connecting CPU | agent adds | accepting CPU | agent adds | allocated conn. / acc. '
      '| runs | load |')
print('|---|---|---|---:|---:|---:|---:|---|---:|---|')
for (jdk, kind, conf) in sorted(rows, key=lambda k: (k[0], k[1], {'none': 0, 'base': 1}.get(k[2], 2))):
    v = rows[(jdk, kind, conf)]
    med = lambda vs, i: statistics.median(x[i] for x in vs)
    none = rows[(jdk, kind, 'none')]
    print(f'| {"25" if "25" in jdk else "17"} | {kind} | {conf} | {med(v, 0)/1000:.1f} µs | '
          f'{(med(v, 0)-med(none, 0))/1000:+.1f} µs | {med(v, 1)/1000:.1f} µs | {(med(v, 1)-med(none, 1))/1000:+.1f} µs '
          f'| {med(v, 2):.0f} / {med(v, 3):.0f} B | {len(v)} | {min(x[4] for x in v):.1f}–{max(x[4] for x in v):.1f} |')
