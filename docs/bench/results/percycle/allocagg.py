# JFR allocation samples of ChurnSpin: per thread, the sampled weight of objects allocated under an agent frame,
# by class and innermost agent frame. usage: python3 allocagg.py rec.jfr
import json, subprocess, sys, collections
f = sys.argv[1]
out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', '256', '--events', 'jdk.ObjectAllocationSample', f],
                     capture_output=True, text=True).stdout
ev = json.loads(out)['recording']['events']
tot = collections.Counter(); by = collections.Counter()
for e in ev:
    t = e['values']['eventThread']['javaName']
    if t not in ('main', 'acceptor'):
        continue
    w = e['values']['weight']; tot[t] += w
    fs = [(x['method']['type']['name'] + '.' + x['method']['name']).replace('/', '.')
          for x in e['values']['stackTrace']['frames']]
    pw = [x for x in fs if x.startswith('dev.portwatch') and not x.startswith('dev.portwatch.bench')]
    if pw:
        by[(t, e['values']['objectClass']['name'], pw[0])] += w
for t in ('main', 'acceptor'):
    print('%s: %d MB sampled' % (t, tot[t] // 1000000))
    for (tt, c, k), w in by.most_common(40):
        if tt == t and w * 100 >= tot[t] * 0.3:
            print('  %5.1f%%  %-40s %s' % (100.0 * w / tot[t], c, k))
