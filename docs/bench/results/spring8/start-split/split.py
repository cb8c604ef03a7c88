#!/usr/bin/env python3
"""portwatch-start's run time (schedstat) polled every 10 ms for 4 s: its plateaus show where it slept.
    split.py -- java ...   prints 'ms_since_start cpu_ms' at each change, then the plateaus longer than 150 ms."""
import os, subprocess, sys, time
jvm = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
start, tid, samples = time.monotonic(), None, []
try:
    while time.monotonic() - start < 4:
        try:
            if tid is None:
                for t in os.listdir(f"/proc/{jvm.pid}/task"):
                    if open(f"/proc/{jvm.pid}/task/{t}/comm").read().strip() == "portwatch-start":
                        tid = t
            if tid is not None:
                ns = int(open(f"/proc/{jvm.pid}/task/{tid}/schedstat").read().split()[0])
                samples.append(((time.monotonic() - start) * 1000, ns / 1e6))
        except OSError:
            pass
        time.sleep(0.01)
finally:
    jvm.kill(); jvm.wait()
plateaus, begin = [], 0
for i in range(1, len(samples) + 1):
    if i == len(samples) or samples[i][1] - samples[begin][1] > 0.2:
        if samples[i - 1][0] - samples[begin][0] > 150:
            plateaus.append((samples[begin][0], samples[i - 1][0], samples[begin][1]))
        begin = i
print("plateaus (from ms, to ms, cpu ms during):", [(round(a), round(b), round(c, 1)) for a, b, c in plateaus])
print("final cpu ms:", round(samples[-1][1], 1) if samples else None)
