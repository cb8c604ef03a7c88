#!/usr/bin/env python3
"""Medians per phase and thread over the .phases files of one configuration. usage: phasemed.py FILE..."""
import sys, statistics, collections
acc = collections.defaultdict(list)
for f in sys.argv[1:]:
    for line in open(f):
        name, ms = line.rsplit(None, 2)[0], float(line.split()[-2])
        acc[name.strip()].append(ms)
for k, v in acc.items():
    print("%-72s n=%d median %6.1f ms" % (k, len(v), statistics.median(v)))
