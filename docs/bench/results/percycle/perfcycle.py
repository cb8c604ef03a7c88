# CPU per cycle of ChurnSpin's threads from perf samples (perf record -F HZ, JIT symbols from -XX:+DumpPerfMapAtExit),
# by thread and kind of code. usage: python3 perfcycle.py perf.data HZ CYCLES [top]
# (warm-up and measured cycles both count: pass their sum; C2's work is its own thread, not shown)
import subprocess, sys, collections, re
data, hz, cycles = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]); top = int(sys.argv[4]) if len(sys.argv) > 4 else 0
out = subprocess.run(['perf', 'report', '-i', data, '--stdio', '-n', '-t', '|', '--sort', 'comm,dso,sym', '-g', 'none'],
                     capture_output=True, text=True).stdout
ns = 1e9 / hz / cycles
cat = collections.Counter(); syms = collections.Counter()
for line in out.splitlines():
    f = line.split('|')
    if line.startswith('#') or len(f) < 5:
        continue
    m = re.match(r'\s*\[(.)\]\s+(.*)', f[4])
    if not m:
        continue
    n, comm, dso, kind, sym = int(f[1]), f[2].strip(), f[3].strip(), m.group(1), m.group(2).strip()
    thread = 'connecting' if comm == 'java' else 'accepting' if comm == 'acceptor' else None
    if thread is None:
        continue
    if kind == 'k':
        c = 'kernel'
    elif 'dev.portwatch' in sym and 'dev.portwatch.bench' not in sym:
        c = 'agent (JIT code)'
    elif dso.startswith('libjvm'):
        c = 'JVM (libjvm)'
    elif sym == 'Interpreter':
        c = 'interpreter'
    elif dso.startswith('[JIT]') or dso.startswith('perf-'):
        c = 'other Java (JIT code)'
    else:
        c = 'native libs (' + dso + ')' if dso.startswith('lib') and 'libc' not in dso else 'libc, other'
    cat[(thread, c)] += n
    syms[(thread, c, sym[:110])] += n
for thread in ('connecting', 'accepting'):
    total = sum(v for (t, c), v in cat.items() if t == thread)
    print('%s thread: %.0f ns/cycle' % (thread, total * ns))
    for (t, c), v in sorted(cat.items(), key=lambda kv: -kv[1]):
        if t == thread and v * ns >= 50:
            print('  %7.0f ns  %s' % (v * ns, c))
    for (t, c, s), v in syms.most_common():
        if t == thread and top and v * ns >= top:
            print('      %6.0f ns  %-22s %s' % (v * ns, c[:22], s))
