# Primitive arrays of a heap dump taken with garbage (jcmd <pid> GC.heap_dump -all <file>), by what they hold:
# byte[] starting with a class file's magic, a zip central directory, mostly zeros, other; other arrays by type
# (prim10 = int[], mostly G1's fillers of retired TLABs). Prints MB and counts, then the 25 largest.
#   python3 hprof-arrays.py <dump.hprof>
import struct, sys, collections
f=open(sys.argv[1],'rb').read()
p=f.index(b'\0')+1
ids=struct.unpack('>I',f[p:p+4])[0]; p+=12
sz={2:ids,4:1,5:2,6:4,7:8,8:1,9:2,10:4,11:8}
cats=collections.Counter(); cnt=collections.Counter(); big=[]
def rid(q): return q+ids
while p<len(f):
    tag=f[p]; ln=struct.unpack('>I',f[p+5:p+9])[0]; p+=9
    if tag not in (0x0c,0x1c): p+=ln; continue
    end=p+ln; q=p
    while q<end:
        t=f[q]; q+=1
        if t==0xff: q+=ids
        elif t==1: q+=2*ids
        elif t in (2,3): q+=ids+8
        elif t==4: q+=ids+4
        elif t==5: q+=ids
        elif t==6: q+=ids+4
        elif t==7: q+=ids
        elif t==8: q+=ids+8
        elif t==0x20:
            q+=ids+4+6*ids+4
            n=struct.unpack('>H',f[q:q+2])[0]; q+=2
            for _ in range(n):
                ty=f[q+2]; q+=3+sz[ty]
            n=struct.unpack('>H',f[q:q+2])[0]; q+=2
            for _ in range(n):
                ty=f[q+ids]; q+=ids+1+sz[ty]
            n=struct.unpack('>H',f[q:q+2])[0]; q+=2+n*(ids+1)
        elif t==0x21:
            q+=ids+4+ids; l=struct.unpack('>I',f[q:q+4])[0]; q+=4+l
        elif t==0x22:
            q+=ids+4; n=struct.unpack('>I',f[q:q+4])[0]; q+=4+ids+n*ids
        elif t==0x23:
            q+=ids+4; n=struct.unpack('>I',f[q:q+4])[0]; ty=f[q+4]; q+=5
            data=f[q:q+n*sz[ty]]; q+=n*sz[ty]
            if ty==8:
                k='classfile' if data[:4]==b'\xca\xfe\xba\xbe' else 'zip-cen' if data[:4]==b'PK\x01\x02' else 'zeros' if n>64 and data.count(0)>n*0.95 else 'other'
                cats[k]+=n; cnt[k]+=1
                big.append((n,k,data[:24]))
            else:
                cats["prim%d"%ty]+=n*sz[ty]; cnt["prim%d"%ty]+=1
                if ty==10: big.append((n*4,"int[]",data[:24]))
        else:
            raise SystemExit('bad subtag %x at %d'%(t,q))
    p=end
for k,v in cats.most_common(): print('%8.2f MB %6d'%(v/1e6,cnt[k]),k)
big.sort(reverse=True)
for n,k,d in big[:25]: print(n,k,d)
