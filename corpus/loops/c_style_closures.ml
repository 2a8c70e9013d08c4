fs = [];
for (i = 0; i < 3; i = i + 1) { fs.append(fn() => i); }
print(fs[0](), fs[2]()); // expect: 3 3
