#!/usr/bin/env python3
"""tl.py OUT -- cmd: samples the portwatch threads' schedstat every 2 ms for 3 s after start; prints plateaus."""
import os, subprocess, sys, time, signal
out, cmd = sys.argv[1], sys.argv[3:]
log = open(out + ".log", "wb")
t0 = time.monotonic()
p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
samples = []
while time.monotonic() - t0 < 3.0:
    try:
        for tid in os.listdir(f"/proc/{p.pid}/task"):
            try:
                name = open(f"/proc/{p.pid}/task/{tid}/comm").read().strip()
                if name.startswith("portwatch"):
                    ns = int(open(f"/proc/{p.pid}/task/{tid}/schedstat").read().split()[0])
                    samples.append((time.monotonic() - t0, tid, name, ns))
            except OSError:
                pass
    except OSError:
        break
    time.sleep(0.002)
p.send_signal(signal.SIGKILL); p.wait()
with open(out, "w") as f:
    for s in samples:
        f.write(f"{s[0]*1000:.1f}\t{s[1]}\t{s[2]}\t{s[3]/1e6:.2f}\n")
# plateaus of portwatch-start: gaps > 50ms without CPU change
last = {}
for t, tid, name, ms in samples:
    pt, pms, start_t = last.get(tid, (t, ms / 1e6, t))
    ms = ms / 1e6
    if ms != pms and t - pt > 0.05:
        print(f"{name}[{tid}] idle {pt*1000:.0f}-{t*1000:.0f} ms, cpu by then {pms:.1f}")
    if ms != pms:
        last[tid] = (t, ms, start_t)
    else:
        last[tid] = (pt, pms, start_t)
for tid, (t, ms, st) in last.items():
    print(f"[{tid}] last change at {t*1000:.0f} ms, cpu {ms:.1f}")
