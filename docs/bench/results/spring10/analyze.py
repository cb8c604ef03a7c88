#!/usr/bin/env python3
"""analyze.py TAG...: per run, classes loaded per thread kind (from cl log with tid), agent's classes, compilations."""
import re, sys, collections
NUM = re.compile(r"(#\d+|-\d+)+$")
def kind(n): return NUM.sub("", n) or n
for tag in sys.argv[1:]:
    base = f"runs/{tag}"
    names = {}
    try:
        for line in open(base + ".txt.threads.tids"):
            tid, name, ms = line.rstrip("\n").split("\t"); names[tid] = name
    except FileNotFoundError: pass
    per = collections.Counter(); agent = collections.Counter(); hidden = collections.Counter()
    total = 0
    try:
        for line in open(base + ".cl"):
            m = re.match(r"\[[^\]]*\]\[(\d+)\] (\S+) source: (.*)", line)
            if not m: continue
            tid, cls, src = m.groups(); total += 1
            k = kind(names.get(tid, "?" + tid)); per[k] += 1
            if "portwatch" in src or cls.startswith("dev.portwatch"): agent[k] += 1
            if "/0x" in cls or "$$Lambda" in cls or "LambdaForm" in cls or "Species" in cls: hidden[k] += 1
    except FileNotFoundError: pass
    comp = agentc = 0
    c2 = 0
    for line in open(base + ".txt", errors="replace"):
        m = re.match(r"\s*\d+\s+\d+\s+([%sbn!]*\s*)?(\d)?\s+(\S+)", line)
        if re.match(r"^\s*\d+\s+\d+\s", line) and "::" in line:
            comp += 1
            if "dev.portwatch" in line: agentc += 1
    print(f"{tag}: classes {total}; compilations {comp} (agent's {agentc})")
    for k, n in per.most_common(12):
        print(f"   {k:28s} {n:5d}  agent's {agent[k]:4d} hidden {hidden[k]:4d}")
