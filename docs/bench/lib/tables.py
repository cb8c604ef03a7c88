"""The Markdown tables of the application benchmarks (lib/app-runs.sh), from OUT/results.csv:

    python3 docs/bench/lib/tables.py idle|spring|wrk OUT

idle: idle-footprint.sh (with OUT/nmt/); spring: spring-boot/measure.sh; wrk: spring-boot/throughput.sh.
Every figure is a median over the repetitions, set against no agent's ("none") on the same JDK.
"""
import csv
import glob
import os
import re
import statistics
import sys


class Results:
    """The rows of results.csv, its JDKs (in order) and configurations (as first seen)."""

    def __init__(self, out):
        self.rows = list(csv.DictReader(open(os.path.join(out, "results.csv"))))
        self.jdks = sorted({r["jdk"] for r in self.rows}, key=int)
        self.configs = list(dict.fromkeys(r["config"] for r in self.rows))

    def values(self, jdk, config, metric, **where):
        return [float(r[metric]) for r in self.rows if r["jdk"] == jdk and r["config"] == config
                and all(r[k] == v for k, v in where.items())]

    def median(self, jdk, config, metric, **where):
        return statistics.median(self.values(jdk, config, metric, **where))


def idle(out):
    res = Results(out)
    print("| JDK | config | RSS MB | Δ | CPU ms | Δ | NMT committed MB | Δ |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for j in res.jdks:
        for c in res.configs:
            cells = []
            for m in ("rss_mb", "cpu_ms", "nmt_committed_mb"):
                v, b = res.median(j, c, m), res.median(j, "none", m)
                cells += [f"{v:.1f}" if m != "cpu_ms" else f"{v:.0f}", "–" if c == "none" else f"{v - b:+.1f}"]
            print(f"| {j} | {c} | " + " | ".join(cells) + " |")
    print()
    print("NMT committed KB by category (median of the repetitions), the agent's configurations minus none:")
    print()
    for j in res.jdks:
        per = {}
        for c in res.configs:
            cats = [nmt_categories(f) for f in sorted(glob.glob(os.path.join(out, "nmt", f"{j}-{c}-*.txt")))]
            names = set().union(*cats) if cats else set()
            per[c] = {n: statistics.median(x.get(n, 0) for x in cats) for n in names}
        for c in res.configs[1:]:
            diffs = sorted(((per[c].get(n, 0) - per["none"].get(n, 0), n) for n in set(per[c]) | set(per["none"])),
                           reverse=True)
            print(f"- JDK {j}, {c}: " + ", ".join(f"{n} {d / 1024:+.1f} MB" for d, n in diffs if abs(d) >= 512))


NMT_CATEGORY = re.compile(r"^-\s+(.+?) \(reserved=\d+KB, committed=(\d+)KB")


def nmt_categories(path):
    """Committed KB by category of a `jcmd VM.native_memory summary scale=KB`."""
    found = {}
    for line in open(path):
        m = NMT_CATEGORY.match(line.strip())
        if m:
            found[m.group(1).strip()] = int(m.group(2))
    return found


def spring(out):
    res = Results(out)
    metrics = ("wall_ms", "cpu_ms", "rss_mb")
    print("| JDK | config | wall ms | Δ wall | min-max | CPU ms | Δ CPU | RSS MB | Δ RSS |")
    print("|---|---|---:|---:|---|---:|---:|---:|---:|")
    for j in res.jdks:
        base = {m: res.median(j, "none", m) for m in metrics}
        for c in res.configs:
            med = {m: res.median(j, c, m) for m in metrics}
            w = res.values(j, c, "wall_ms")
            d = lambda m, f="{:+.0f}": "–" if c == "none" else f.format(med[m] - base[m])
            print(f"| {j} | {c} | {med['wall_ms']:.0f} | {d('wall_ms')} | {min(w):.0f}–{max(w):.0f} | "
                  f"{med['cpu_ms']:.0f} | {d('cpu_ms')} | {med['rss_mb']:.0f} | {d('rss_mb', '{:+.1f}')} |")


def wrk(out):
    res = Results(out)
    print("| JDK | mode | config | req/s (median) | ratio | min-max | p99 ms | p99 ratio |")
    print("|---|---|---|---:|---:|---|---:|---:|")
    for j in res.jdks:
        for mode in ("keep-alive", "close"):
            base = res.median(j, "none", "rps", mode=mode)
            base99 = res.median(j, "none", "p99_ms", mode=mode)
            for c in res.configs:
                v = res.values(j, c, "rps", mode=mode)
                med, p99 = statistics.median(v), res.median(j, c, "p99_ms", mode=mode)
                print(f"| {j} | {mode} | {c} | {med:,.0f} | {med / base:.3f} | {min(v):,.0f}–{max(v):,.0f} | "
                      f"{p99:.2f} | {p99 / base99:.2f} |")


if __name__ == "__main__":
    {"idle": idle, "spring": spring, "wrk": wrk}[sys.argv[1]](sys.argv[2])
