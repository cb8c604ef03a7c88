#!/usr/bin/env python3
"""One CSV line per measured run (bisect.sh) or window (windows.sh) of OUT/runs: jdk, config, rep, window, the
1-min load at its start, req/s, latency percentiles (us, percentiles.lua), and per thread group the CPU (ms) and
timeslices in the measured part (/proc schedstat before and after). Usage: to-csv.py OUT > runs.csv"""
import glob, os, re, sys

GROUPS = [("disp", r"HTTP-Dispatcher"), ("work", r"pool-1-thread"), ("c2", r"C2_Compiler"), ("c1", r"C1_Compiler"),
          ("gc", r"GC_Thread|G1_"), ("hk", r"portwatch-house"), ("pw", r"portwatch")]
PCTS = ["p50", "p75", "p90", "p95", "p97", "p98", "p98.5", "p99", "p99.5", "p99.9", "p99.99", "max", "n"]
print(",".join(["jdk", "config", "rep", "window", "load", "rps"] + PCTS
               + [g + "_cpu_ms" for g, _ in GROUPS] + ["all_cpu_ms"] + [g + "_slices" for g, _ in GROUPS]))
for f in sorted(glob.glob(os.path.join(sys.argv[1], "runs", "*.wrk.txt"))):
    jdk, config, rep, window = re.match(r"^(\d+)-(.+)-(\d+)(?:-w(\d+))?$", os.path.basename(f)[:-8]).groups()
    text = open(f).read()
    m = re.search(r"^PCT (.*)$", text, re.M)
    if not m:
        continue
    pct = dict(kv.split("=") for kv in m.group(1).split())
    base = f[:-len(".wrk.txt")]
    before = {l.split()[0]: l.split() for l in open(base + ".sched0")}
    cpu = {g: 0.0 for g, _ in GROUPS}; sl = {g: 0 for g, _ in GROUPS}; total = 0.0
    for line in open(base + ".sched1"):
        tid, comm, run, _, slices = line.split()
        b = before.get(tid, [tid, comm, 0, 0, 0])
        ms = (int(run) - int(b[2])) / 1e6
        total += ms
        for g, pat in GROUPS:
            if re.search(pat, comm):
                cpu[g] += ms; sl[g] += int(slices) - int(b[4])
                break
    print(",".join([jdk, config, rep, window or "", re.search(r"^load (\S+)", text).group(1),
                    re.search(r"Requests/sec:\s+(\S+)", text).group(1)] + [pct[p] for p in PCTS]
                   + [f"{cpu[g]:.1f}" for g, _ in GROUPS] + [f"{total:.1f}"] + [str(sl[g]) for g, _ in GROUPS]))
