# JMH JSON of base and new, rounds interleaved: score (ns/op) and gc.alloc.rate.norm per benchmark and round.
# usage: python3 jmh-summary.py dir   (reads jmh-{base,new}-{1,2}.json)
import json, sys, collections
d = sys.argv[1]; rows = collections.defaultdict(dict)
for b in ('base', 'new'):
    for r in (1, 2):
        for x in json.load(open(f'{d}/jmh-{b}-{r}.json')):
            n = x['benchmark'].rsplit('.', 2); name = n[-2] + '.' + n[-1]
            alloc = x['secondaryMetrics'].get('gc.alloc.rate.norm', {}).get('score')
            rows[name][(b, r)] = (x['primaryMetric']['score'], x['primaryMetric']['scoreError'], alloc)
print('| benchmark | base ns/op (2 rounds) | new ns/op (2 rounds) | base B/op | new B/op |')
print('|---|---|---|---:|---:|')
for name, v in rows.items():
    f = lambda b: ', '.join('%.0f ± %.0f' % v[(b, r)][:2] for r in (1, 2))
    print(f'| `{name}` | {f("base")} | {f("new")} | {v[("base", 1)][2]:.0f}, {v[("base", 2)][2]:.0f} '
          f'| {v[("new", 1)][2]:.0f}, {v[("new", 2)][2]:.0f} |')
