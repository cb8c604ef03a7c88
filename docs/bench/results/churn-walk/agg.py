import json, subprocess, sys, collections
f=sys.argv[1]
def load(ev):
    out=subprocess.run(['jfr','print','--json','--stack-depth','200','--events',ev,f],capture_output=True,text=True).stdout
    return json.loads(out)['recording']['events']
def frames(e):
    st=e['values'].get('stackTrace')
    if not st: return []
    return [(fr['method']['type']['name']+'.'+fr['method']['name']).replace('/','.') for fr in st['frames']]
def thread(e):
    t=e['values'].get('sampledThread') or e['values'].get('eventThread')
    return t['javaName'] if t else '?'
def key(fs):
    # outermost portwatch frame = the entry into the agent; plus innermost frame
    pw=[x for x in fs if x.startswith('dev.portwatch') and not x.startswith('dev.portwatch.bench')]
    if not pw: return None
    return pw[-1] + ' < ' + (pw[-2] if len(pw)>1 else '')
ex=load('jdk.ExecutionSample')
per=collections.Counter(); tot=collections.Counter(); cat=collections.Counter()
for e in ex:
    t=thread(e); fs=frames(e); tot[t]+=1
    k=key(fs)
    if k: per[(t,k)]+=1
    # category of top frames
    top=fs[0] if fs else '?'
    c='agent' if k else 'other'
    if not k and any('onSpinWait' in x or 'AtomicLong.get' in x for x in fs[:3]): c='spin'
    if not k and any('checkAcceptor' in x for x in fs[:4]): c='spin'
    for x in fs[:64]:
        if x.startswith('java.lang.StackStreamFactory') or x.startswith('java.lang.StackWalker'): c='stackwalk'; break
    cat[(t,c)]+=1
print('samples per thread', tot.most_common(8))
for (t,c),n in sorted(cat.items()):
    if tot[t]>50: print('  %-12s %-10s %5d %5.1f%%'%(t,c,n,100*n/tot[t]))
print('agent entry frames:')
for (t,k),n in per.most_common(25): print('  %-12s %-80s %5d %5.1f%%'%(t,k,n,100*n/tot[t]))
al=load('jdk.ObjectAllocationSample')
w=collections.Counter(); wt=collections.Counter(); wc=collections.Counter()
for e in al:
    t=thread(e); fs=frames(e); ww=e['values']['weight']; wt[t]+=ww
    k=key(fs)
    cls=e['values']['objectClass']['name']
    if k: w[(t,k)]+=ww; wc[(t,cls, fs[0] if fs else '')]+=ww
print('alloc weight per thread', [(t,v//1000000) for t,v in wt.most_common(6)],'MB')
for (t,k),n in w.most_common(15): print('  %-12s %-80s %6.1f%%'%(t,k,100*n/wt[t]))
print('agent allocs by class/top frame:')
for (t,c,top),n in wc.most_common(30): print('  %-12s %-40s %-60s %6.1f%%'%(t,c,top,100*n/wt[t]))
