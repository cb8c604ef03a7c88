import re,sys,statistics
# gcsum.py LOG MARKFRAC: young pauses after the close phase's start; pause median, survivor KB median
for f in sys.argv[1:]:
    gcs={}
    for line in open(f):
        m=re.search(r'\[([0-9.]+)s\].*GC\((\d+)\)',line)
        if not m: continue
        d=gcs.setdefault(int(m[2]),{'t':float(m[1]),'surv':0})
        mm=re.search(r'age +\d+: +\d+ bytes, +(\d+) total',line)
        if mm: d['surv']=int(mm[1])//1024
        mm=re.search(r'Pause Young.*->(\d+)M.* ([0-9.]+)ms',line)
        if mm: d['pause']=float(mm[2])
    ds=[d for d in gcs.values() if 'pause' in d]
    end=ds[-1]['t']
    for lo,hi in ((end-20,end-10),(end-10,end)):
        w=[d for d in ds if lo<=d['t']<hi]
        if w: print(f, f'{lo:.0f}-{hi:.0f}s', 'n',len(w),'pause med %.2f'%statistics.median(d['pause'] for d in w),'surv med',statistics.median(d['surv'] for d in w))
