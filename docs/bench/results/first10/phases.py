#!/usr/bin/env python3
"""CPU per phase per thread: perf cpu-clock samples (-c 50000, CLOCK_MONOTONIC) between class-load markers
(-Xlog:class+load:file=F:timenanos,tid). usage: phases.py perf-script-output classload-log [period_ns]"""
import re, sys, collections
script, log = sys.argv[1], sys.argv[2]
period = int(sys.argv[3]) if len(sys.argv) > 3 else 50000
MARKERS = [
    ("premain", "dev.portwatch.agent.PortwatchAgent"),
    ("launcher to main class", "FirstSocketCpu"),
    ("build: bridge", "dev.portwatch.agent.BootstrapBridge"),
    ("build: installer, options", "dev.portwatch.agent.Installer"),
    ("build: listener", "dev.portwatch.capture.CaptureOnFirstUse"),
    ("build: transformer", "dev.portwatch.instrument.FunnelInstaller"),
    ("start: after the build", "dev.portwatch.agent.Installer$Background"),
    ("socket class: cache open", "dev.portwatch.instrument.WeaveCache"),
    ("socket class: entry read", "dev.portwatch.instrument.CachedWeave"),
    ("NioSocketImpl loaded to first event", "sun.nio.ch.NioSocketImpl"),
    ("first event: table", "dev.portwatch.table.ConnectionTable"),
    ("first event: capture", "dev.portwatch.capture.SocketEventCapture"),
    ("first event: backtraces", "dev.portwatch.capture.Backtraces"),
    ("first event: walk, row", "dev.portwatch.capture.FrameKinds"),
    ("after the first socket", "FirstSocketCpu$Mark"),
]
names = {cls: label for label, cls in MARKERS}
# per thread: list of (time, label)
marks = collections.defaultdict(list)
seen = set()
pat = re.compile(r'^\[(\d+)ns\]\[(\d+)\] (\S+)')
end = None
for line in open(log):
    m = pat.match(line)
    if not m:
        continue
    t, tid, cls = int(m.group(1)), int(m.group(2)), m.group(3)
    if cls in names and cls not in seen:
        seen.add(cls)
        marks[tid].append((t, names[cls]))
        if cls == "FirstSocketCpu$Mark":
            end = t
samples = collections.defaultdict(list)
comm = {}
for line in open(script):
    parts = line.split()
    if len(parts) < 3:
        continue
    name, tid, t = " ".join(parts[:-2]), int(parts[-2]), parts[-1].rstrip(':')
    s, ns = t.split('.')
    samples[tid].append(int(s) * 10**9 + int(ns.ljust(9, '0')))
    comm[tid] = name
out = []
for tid, ms in marks.items():
    ts = sorted(samples.get(tid, []))
    import bisect
    for i, (t, label) in enumerate(ms):
        nxt = ms[i + 1][0] if i + 1 < len(ms) else (end if end and end > t else t)
        n = bisect.bisect_left(ts, nxt) - bisect.bisect_left(ts, t)
        print("%-16s %-40s %7.1f ms" % (comm.get(tid, tid), label, n * period / 1e6))
# all threads' CPU from premain to the mark, by thread name
t0 = min(t for ms in marks.values() for t, l in ms if l == "premain") if any(l == "premain" for ms in marks.values() for t, l in ms) else 0
tot = collections.Counter()
for tid, ts in samples.items():
    n = sum(1 for x in ts if t0 <= x <= (end or 0))
    if n:
        tot[re.sub(r'[#0-9]+$', '', comm[tid])] += n
for k, n in tot.most_common():
    print("%-16s %-40s %7.1f ms" % (k, "premain to the first socket's return", n * period / 1e6))
