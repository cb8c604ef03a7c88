#!/usr/bin/env python3
"""Per run and measured part of diag.sh: wrk's p50/p99/p99.9-free figures, GC pauses and safepoints, compilations
and deoptimisations inside the window, and CPU/timeslices per thread group. Usage: summarize.py OUT [part]."""
import glob, os, re, sys, statistics
from collections import defaultdict

def ms(v):
    n = float(re.match(r'[0-9.]+', v).group())
    return n / 1000 if v.endswith('us') else n * 1000 if v.endswith('s') and not v.endswith('ms') else n

def wrk(f):
    t = open(f).read()
    d = {'rps': float(re.search(r'Requests/sec:\s+([0-9.]+)', t).group(1))}
    for p in ('50', '90', '99'):
        d['p' + p] = ms(re.search(r'\s%s%%\s+(\S+)' % p, t).group(1))
    return d

def window(f):
    w = {}
    for line in open(f):
        k, v, _, load = line.split()
        w[k] = float(v); w[k + '_load'] = float(load)
    return w

def group(name):
    for pre, g in (('portwatch', 'agent'), ('C2', 'C2'), ('C1', 'C1'), ('G1', 'GC'), ('GC', 'GC'),
                   ('VM_Thread', 'VM'), ('HTTP-Dispatcher', 'disp'), ('pool', 'workers')):
        if name.startswith(pre):
            return g
    return 'other'

def sched(f0, f1):
    a = {l.split()[0]: l.split() for l in open(f0)}
    out = defaultdict(lambda: [0.0, 0])
    for l in open(f1):
        tid, name, cpu, wait, slices = l.split()
        cpu0, sl0 = (int(a[tid][2]), int(a[tid][4])) if tid in a else (0, 0)
        g = out[group(name)]
        g[0] += (int(cpu) - cpu0) / 1e6; g[1] += int(slices) - sl0
    return out

UP = re.compile(r'^\[([0-9.]+)s\]')
def in_window(lines, w):
    for l in lines:
        m = UP.match(l)
        if m and w['start'] <= float(m.group(1)) <= w['end']:
            yield l

def gc(f, w):
    pauses, sp, spmax = [], 0.0, 0.0
    nsp = 0
    for l in in_window(open(f), w):
        m = re.search(r'Pause (Young|Full|Remark|Cleanup).* ([0-9.]+)ms$', l)
        if m:
            pauses.append(float(m.group(2)))
        m = re.search(r'Safepoint "([^"]+)".*Total: (\d+) ns', l)
        if m:
            nsp += 1; t = int(m.group(2)) / 1e6; sp += t; spmax = max(spmax, t)
    return {'gc_n': len(pauses), 'gc_ms': sum(pauses), 'gc_max': max(pauses, default=0), 'sp_n': nsp,
            'sp_ms': sp, 'sp_max': spmax}

def jit(f, w):
    comp = deopt = 0
    for l in in_window(open(f), w):
        if 'made not entrant' in l or re.search(r'Uncommon trap|DEOPT', l):
            deopt += 1
        elif re.match(r'^\[[0-9.]+s\]\s+\d+\s', l):
            comp += 1
    return {'comp': comp, 'deopt': deopt}

out, part = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None
rows = defaultdict(list)
for wf in sorted(glob.glob(out + '/runs/*.window')):
    base = wf[:-len('.window')]
    run, p = os.path.basename(base).rsplit('.', 1)
    if part and p != part:
        continue
    cfg, rep = run.rsplit('-', 1)
    w = window(wf)
    if 'end' not in w or not os.path.exists(base + '.sched1'):
        continue  # still running
    r = wrk(base + '.wrk.txt')
    r.update(gc(out + '/runs/' + run + '.gc.log', w)); r.update(jit(out + '/runs/' + run + '.jit.log', w))
    s = sched(base + '.sched0', base + '.sched1')
    secs = w['end'] - w['start']
    for g in ('agent', 'C2', 'GC', 'VM', 'disp', 'workers'):
        r[g + '_ms'] = s[g][0]; r[g + '_sl/s'] = s[g][1] / secs
    r['load'] = w['start_load']
    rows[(p, cfg)].append(r)
keys = ['rps', 'p50', 'p90', 'p99', 'gc_n', 'gc_ms', 'gc_max', 'sp_n', 'sp_ms', 'sp_max', 'comp', 'deopt',
        'agent_ms', 'agent_sl/s', 'C2_ms', 'GC_ms', 'VM_ms', 'disp_ms', 'workers_ms', 'load']
print('| part | config | n | ' + ' | '.join(keys) + ' |')
print('|---|---|---:|' + '---:|' * len(keys))
for (p, cfg), rs in sorted(rows.items()):
    med = [statistics.median(r[k] for r in rs) for k in keys]
    print('| %s | %s | %d | ' % (p, cfg, len(rs)) + ' | '.join(('%.0f' % v) if abs(v) >= 100 else ('%.2f' % v)
                                                              for v in med) + ' |')
