# Medians per (JDK, kind, config) of spin.sh's lines: connecting thread's own CPU, its allocation, the acceptor's CPU.
import re, sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    m = re.match(r'(\S+) (\S+) (\S+) (\d+) RESULT (\S+) .*connect-work/op=(\d+) .*acceptor/op=(\d+) .*connect=(\d+) ', line)
    if m:
        load, jdk, conf, rep, kind, work, acc, alloc = m.groups()
        rows[(jdk, kind, conf)].append((int(work), int(alloc), int(acc), float(load)))
print('| JDK | churn | config | connecting thread CPU/cycle | agent adds | allocated/cycle | acceptor CPU | runs | load |')
print('|---|---|---|---:|---:|---:|---:|---:|---|')
for (jdk, kind, conf) in sorted(rows):
    v = rows[(jdk, kind, conf)]
    med = lambda i: statistics.median(x[i] for x in v)
    none = statistics.median(x[0] for x in rows[(jdk, kind, 'none')])
    print(f'| {jdk.split("-")[1] if "temurin" in jdk else jdk.split("-")[1]} | {kind} | {conf} | {med(0)/1000:.1f} µs | '
          f'{(med(0)-none)/1000:+.1f} µs | {med(1):.0f} B | {med(2)/1000:.1f} µs | {len(v)} | '
          f'{min(x[3] for x in v):.1f}-{max(x[3] for x in v):.1f} |')
