import re, statistics, collections, glob, sys
NUM = re.compile(r"(#\d+|-\d+)+$")
def kind(n): return NUM.sub("", n) or n
def perf(tag):
    d={}
    try:
        for l in open(f"runs/{tag}.txt.perf"):
            if "=" in l:
                k,v=l.strip().split("=",1)
                try: d[k]=int(v)
                except: pass
    except FileNotFoundError: pass
    return d
def one(tag):
    names={}
    for l in open(f"runs/{tag}.txt.threads.tids"):
        t,n,_=l.split("\t"); names[t]=kind(n)
    r=collections.Counter()
    main_tid=None
    rows=[]
    for l in open(f"runs/{tag}.cl"):
        m=re.match(r"\[([^\]]*)\]\[(\d+)\] (\S+) source: (.*)",l)
        if not m: continue
        rows.append(m.groups())
    r["classes"]=len(rows)
    hid=lambda c: "/0x" in c
    r["hidden"]=sum(hid(c) for _,_,c,_ in rows)
    r["agent's"]=sum(c.startswith("dev.portwatch") and "springbench" not in c for _,_,c,_ in rows)
    r["portwatch-start"]=sum(names.get(t)=="portwatch-start" for _,t,_,_ in rows)
    # main thread at first event: from Backtraces load, next 40 rows of same tid
    idx=[i for i,x in enumerate(rows) if x[2]=="dev.portwatch.capture.Backtraces"]
    if idx:
        i=idx[0]; tid=rows[i][1]
        seq=[x for x in rows[i:i+200] if x[1]==tid]
        # until first non-agent non-LambdaForm class
        n=0; lf=0
        for x in seq:
            if x[2].startswith("dev.portwatch") or "LambdaForm" in x[2]:
                n+=1; lf+= "LambdaForm" in x[2]
            else: break
        r["first-event classes"]=n; r["first-event lambda forms"]=lf
    comp=0; agentc=0; lfc=0
    for l in open(f"runs/{tag}.txt",errors="replace"):
        if re.match(r"^\s*\d+\s+\d+\s",l) and "::" in l and "made not entrant" not in l:
            comp+=1; agentc+="dev.portwatch" in l; lfc+="LambdaForm$" in l
    r["compilations"]=comp; r["agent's compilations"]=agentc; r["lambda-form compilations"]=lfc
    r["young GCs"]=sum(1 for l in open(f"runs/{tag}.gc") if "Pause Young" in l)
    p=perf(tag)
    r["sun.ci.totalCompiles"]=p.get("sun.ci.totalCompiles",0)
    r["loadedBytes KB"]=p.get("sun.cls.loadedBytes",0)//1024
    return r
pre=sys.argv[1]; cfgs=sys.argv[2:]
for f in ("17","25"):
    res={c:[one(f"{pre}-{f}-{c}-{r}") for r in (1,2,3)] for c in cfgs}
    keys=list(res[cfgs[-1]][0].keys())
    print(f"JDK {f} (median of 3)")
    for k in keys:
        print(f"  {k:28s} "+" | ".join(f"{c} {statistics.median(x[k] for x in res[c]):.0f} ({min(x[k] for x in res[c])}-{max(x[k] for x in res[c])})" for c in cfgs))
