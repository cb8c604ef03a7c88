#!/usr/bin/env python3
"""Where a Spring Boot start's CPU goes, thread by thread, at its first 200: medians per JDK and configuration.

    threads.py OUT   # OUT of measure.sh: reads OUT/logs/<jdk>-<config>-<rep>.txt.threads (first200.py)

Numbered threads of one kind are summed under one name (the GC's workers, Tomcat's executors); the agent's threads
are summed as "portwatch (all)" too.
"""
import glob
import os
import re
import statistics
import sys

NUMBERED = re.compile(r"(#\d+|-\d+)+$")


def kind(name):
    return NUMBERED.sub("", name) or name


def read(path):
    run = {}
    for line in open(path):
        name, ms = line.rstrip("\n").split("\t")
        key = name if name == "ALL" else kind(name)
        run[key] = run.get(key, 0.0) + float(ms)
        if name.startswith("portwatch"):
            run["portwatch (all)"] = run.get("portwatch (all)", 0.0) + float(ms)
    return run


def main():
    runs = {}
    for path in glob.glob(os.path.join(sys.argv[1], "logs", "*.txt.threads")):
        j, c, _ = re.match(r"(\d+)-(.+)-(\d+)\.txt\.threads", os.path.basename(path)).groups()
        runs.setdefault((j, c), []).append(read(path))
    configs = list(dict.fromkeys(c for _, c in sorted(runs, key=lambda k: (k[1] != "none", k[1]))))
    for j in sorted({j for j, _ in runs}, key=int):
        here = [c for c in configs if (j, c) in runs]
        med = {(c, n): statistics.median(run.get(n, 0.0) for run in runs[(j, c)])
               for c in here for n in {n for run in runs[(j, c)] for n in run}}
        names = sorted({n for _, n in med}, key=lambda n: (n == "ALL", -max(med.get((c, n), 0) for c in here)))
        counts = ", ".join(f"{c} {len(runs[(j, c)])}" for c in here)
        print(f"\nJDK {j}, ms of CPU per thread at the first 200 (median; runs: {counts}):\n")
        print("| thread | " + " | ".join(here) + " |")
        print("|---|" + "---:|" * len(here))
        for n in names:
            cells = [med.get((c, n), 0.0) for c in here]
            if n == "ALL" or max(cells) >= 1.0:
                print(f"| {n} | " + " | ".join(f"{x:.1f}" for x in cells) + " |")


if __name__ == "__main__":
    main()
