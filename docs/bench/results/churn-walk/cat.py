import json, subprocess, sys, collections
f=sys.argv[1]
out=subprocess.run(['jfr','print','--json','--stack-depth','200','--events','jdk.ExecutionSample',f],capture_output=True,text=True).stdout
c=collections.Counter(); tot=collections.Counter()
for e in json.loads(out)['recording']['events']:
    t=(e['values'].get('sampledThread') or {}).get('javaName')
    fs=[(fr['method']['type']['name']+'.'+fr['method']['name']).replace('/','.') for fr in e['values']['stackTrace']['frames']]
    tot[t]+=1
    if not any(x.startswith('dev.portwatch.bridge') for x in fs): continue
    if any('StackWalker' in x or 'CallSites' in x for x in fs): k='opener stack walk'
    elif any('Ends.' in x or 'Net.local' in x for x in fs): k='ends (addresses)'
    elif any('dev.portwatch.table' in x for x in fs):
        k='table: '+next(x for x in fs if x.startswith('dev.portwatch.table')).split('.')[-2]
    else: k='other agent: '+fs[0]
    c[(t,k)]+=1
for (t,k),n in sorted(c.items(), key=lambda x:(x[0][0],-x[1])): print('%-10s %-50s %4d %5.1f%% of thread samples'%(t,k,n,100*n/tot[t]))
print(tot)
