for (k in {x: 1, y: 2}) { print(k); }
for (ch in "hi") { print(ch); }
for (i in range(2)) { print(i); }
// expect: x
// expect: y
// expect: h
// expect: i
// expect: 0
// expect: 1
