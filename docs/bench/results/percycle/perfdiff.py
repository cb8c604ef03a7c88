# Per-symbol difference in ns per cycle between two perf recordings of ChurnSpin (B minus A), for one thread.
# usage: python3 perfdiff.py a.data b.data HZ CYCLES comm(java|acceptor) [min_ns]
import subprocess, sys, collections, re
def load(data):
    out = subprocess.run(['perf', 'report', '-i', data, '--stdio', '-n', '-t', '|', '--sort', 'comm,dso,sym',
                          '-g', 'none'], capture_output=True, text=True).stdout
    c = collections.Counter()
    for line in out.splitlines():
        f = line.split('|')
        if line.startswith('#') or len(f) < 5 or f[2].strip() != sys.argv[5]:
            continue
        sym = re.sub(r'\+0x[0-9a-f]+', '', f[4].strip())
        dso = 'JIT' if f[3].strip().startswith('[JIT]') else f[3].strip()
        c[(dso, sym[:120])] += int(f[1])
    return c
a, b = load(sys.argv[1]), load(sys.argv[2])
ns = 1e9 / float(sys.argv[3]) / float(sys.argv[4]); low = float(sys.argv[6]) if len(sys.argv) > 6 else 100
d = {k: (b[k] - a[k]) * ns for k in set(a) | set(b)}
print('total: %.0f -> %.0f ns/cycle' % (sum(a.values()) * ns, sum(b.values()) * ns))
for k, v in sorted(d.items(), key=lambda kv: -abs(kv[1])):
    if abs(v) >= low:
        print('  %+7.0f ns  %-18s %s' % (v, k[0][:18], k[1]))
