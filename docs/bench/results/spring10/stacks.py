import collections,sys
def read(path):
    samples=[]; cur=None
    for line in open(path):
        if line.strip()=="" : 
            if cur: samples.append(cur); cur=None
            continue
        if not line.startswith(('\t',' ')):
            cur=(line.split()[0],[])
        elif cur is not None:
            parts=line.split(None,1)
            cur[1].append(parts[1].strip() if len(parts)>1 else '?')
    if cur: samples.append(cur)
    return samples
s=read(sys.argv[1])
print("samples",len(s))
hook=[x for x in s if any('post_class_file_load_hook' in f for f in x[1])]
print("in CFLH:",len(hook), collections.Counter(x[0] for x in hook).most_common(8))
cat=collections.Counter()
for c,fr in hook:
    idx=next(i for i,f in enumerate(fr) if 'post_class_file_load_hook' in f)
    inner=fr[:idx]
    if any('jni_CallObjectMethod' in f or 'JavaCalls::call' in f or 'jni_invoke' in f for f in inner): cat['java upcall']+=1
    elif any('ByteArray' in f for f in inner): cat['byte[]']+=1
    else: cat['other: '+(inner[0] if inner else 'self')]+=1
for k,v in cat.most_common(12): print(" ",v,k)
sh=[x for x in s if any('check_shared_class_file_load_hook' in f for f in x[1])]
print("check_shared_class_file_load_hook:",len(sh), collections.Counter(x[0] for x in sh).most_common(5))
# java upcall: what the leaf frames are
leaf=collections.Counter()
for c,fr in hook:
    leaf[fr[0]]+=1
print(leaf.most_common(15))
