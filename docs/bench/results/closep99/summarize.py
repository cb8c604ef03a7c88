#!/usr/bin/env python3
"""Medians per JDK and configuration (and window) of a runs.csv (to-csv.py): latency percentiles (ms), req/s,
load, and per thread group the CPU (us) per request in the measured part; "hk/s": housekeeping's timeslices a
second. Usage: summarize.py runs.csv [MAXLOAD]   (MAXLOAD: only runs or windows that started below this load)"""
import collections, csv, statistics, sys

maxload = float(sys.argv[2]) if len(sys.argv) > 2 else 1e9
groups = collections.defaultdict(list)
for r in csv.DictReader(open(sys.argv[1])):
    if float(r["load"]) < maxload:
        groups[(r["jdk"], r["config"] + (" w" + r["window"] if r["window"] else ""))].append(r)
cols = ["n", "load", "req/s", "p50", "p90", "p99", "p99.9", "disp us", "workers us", "C2 us", "GC us", "hk us",
        "all us", "hk/s"]
print("| JDK | config | " + " | ".join(cols) + " |")
print("|---|---|" + "---:|" * len(cols))
for (jdk, config), rows in sorted(groups.items()):
    def med(f):
        return statistics.median(f(r) for r in rows)
    def per_req(g):
        return med(lambda r: float(r[g + "_cpu_ms"]) * 1000 / int(r["n"]))
    secs = lambda r: int(r["n"]) / float(r["rps"])
    cells = [str(len(rows)), f"{med(lambda r: float(r['load'])):.1f}", f"{med(lambda r: float(r['rps'])):.0f}"]
    cells += [f"{med(lambda r: int(r[p]) / 1000):.2f}" for p in ("p50", "p90", "p99", "p99.9")]
    cells += [f"{per_req(g):.2f}" for g in ("disp", "work", "c2", "gc", "hk", "all")]
    cells.append(f"{med(lambda r: int(r['hk_slices']) / secs(r)):.1f}")
    print(f"| {jdk} | {config} | " + " | ".join(cells) + " |")
