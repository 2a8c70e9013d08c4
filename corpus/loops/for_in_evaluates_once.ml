function src() { print("src"); return [1, 2]; }
for (x in src()) { print(x); }
// expect: src
// expect: 1
// expect: 2
