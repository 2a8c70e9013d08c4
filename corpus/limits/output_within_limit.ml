// max-output: 100
for (i in range(3)) { print("line", i); }
// expect: line 0
// expect: line 1
// expect: line 2
