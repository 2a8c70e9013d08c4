// max-depth: 100
// expect limit: depth
a = [];
b = [];
for (i in range(500)) { a = [a]; b = [b]; }
print(a == b);
