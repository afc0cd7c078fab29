# The expected numbers of tests/aoa/test_area_of_applicability.cpp, from the definition alone (plain Python,
# double precision, no code of the product): python3 tests/aoa/hand_case.py
import math, statistics
X = [[1.0, 10.0],[2.0, 12.0],[1.5, 9.0],[3.0, 11.0],[2.5, 14.0],[4.0, 10.0],[3.5, 13.0],[9.0, 30.0]]
folds = [0,0,0,1,1,1,2,2]
imp = [2.0, 1.0]
w = [max(v,0)/max(imp) for v in imp]
d=2; n=len(X)
mu = [sum(r[j] for r in X)/n for j in range(d)]
sd = [statistics.stdev([r[j] for r in X]) for j in range(d)]
Z = [[(r[j]-mu[j])/sd[j]*w[j] for j in range(d)] for r in X]
dist = lambda a,b: math.sqrt(sum((a[k]-b[k])**2 for k in range(d)))
pairs=[dist(Z[i],Z[j]) for i in range(n) for j in range(i+1,n)]
dbar=sum(pairs)/len(pairs)
tdi=[min(dist(Z[i],Z[j]) for j in range(n) if folds[j]!=folds[i])/dbar for i in range(n)]
x=sorted(tdi); m=len(x)
n4=math.floor((m+3)/2)/2
pos=[1,n4,(m+1)/2,m+1-n4,m]
five=[0.5*(x[math.floor(p)-1]+x[math.ceil(p)-1]) for p in pos]
lim=five[3]+1.5*(five[3]-five[1])
thr=max(v for v in x if v<=lim)
new=[[2.0,11.0],[6.0,20.0],[float('nan'),12.0]]
newz=[[0.0 if math.isnan(r[j]) else (r[j]-mu[j])/sd[j]*w[j] for j in range(d)] for r in new]
ndi=[min(dist(z,t) for t in Z)/dbar for z in newz]
print("mu",mu,"sd",["%.15f"%s for s in sd]); print("dbar %.15f"%dbar)
print("tdi",["%.12f"%v for v in tdi]); print("five",["%.12f"%v for v in five],"lim %.12f"%lim); print("thr %.12f"%thr); print("new",["%.12f"%v for v in ndi])
