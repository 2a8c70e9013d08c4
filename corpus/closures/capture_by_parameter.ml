function mk(k) { return fn() => k; }
fs = [];
for (i in range(3)) { fs.append(mk(i)); }
print(fs[0](), fs[1](), fs[2]()); // expect: 0 1 2
