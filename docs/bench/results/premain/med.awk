{k=$1" "$2" "$3; a[k]=a[k]" "$4; b[k]=b[k]" "$5}
END{for(k in a){n=split(a[k],x," "); asort(x); m=split(b[k],y," "); asort(y);
 printf "%-16s at-main median %6.1f ms (%5.1f-%5.1f)  after-sockets median %6.1f ms  n=%d\n", k, x[int((n+1)/2)]/1e6, x[1]/1e6, x[n]/1e6, y[int((m+1)/2)]/1e6, n}}
