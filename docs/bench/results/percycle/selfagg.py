# JFR execution samples of ChurnSpin: per thread (main = connecting, acceptor), the share of samples with an agent
# frame on the stack, split by the innermost agent frame (the agent method whose own code or JDK callees ran).
# usage: python3 selfagg.py rec.jfr [top]
import json, subprocess, sys, collections
f = sys.argv[1]; top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', '256', '--events', 'jdk.ExecutionSample', f],
                     capture_output=True, text=True).stdout
ev = json.loads(out)['recording']['events']
tot = collections.Counter(); agent = collections.Counter(); inner = collections.Counter(); leaf = collections.Counter()
for e in ev:
    t = e['values']['sampledThread']['javaName']
    if t not in ('main', 'acceptor'):
        continue
    fs = [(x['method']['type']['name'] + '.' + x['method']['name']).replace('/', '.')
          for x in e['values']['stackTrace']['frames']]
    tot[t] += 1
    pw = [x for x in fs if x.startswith('dev.portwatch') and not x.startswith('dev.portwatch.bench')]
    if not pw:
        continue
    agent[t] += 1
    inner[(t, pw[0])] += 1
    leaf[(t, fs[0] + ' <' + pw[0].rsplit('.', 2)[-2] + '.' + pw[0].rsplit('.', 1)[-1])] += 1
for t in ('main', 'acceptor'):
    print('%s: %d samples, %d with the agent (%.1f%%)' % (t, tot[t], agent[t], 100.0 * agent[t] / max(tot[t], 1)))
    print('  innermost agent frame:')
    for (tt, k), n in inner.most_common():
        if tt == t and n * 200 >= agent[t]:
            print('    %5d %5.1f%%  %s' % (n, 100.0 * n / agent[t], k))
    print('  leaf frame <innermost agent frame:')
    for (tt, k), n in leaf.most_common(top):
        if tt == t:
            print('    %5d %5.1f%%  %s' % (n, 100.0 * n / agent[t], k))
