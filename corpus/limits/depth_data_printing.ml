// max-depth: 100
// expect limit: depth
a = [];
for (i in range(500)) { a = [a]; }
print("built"); // expect: built
print(a);
