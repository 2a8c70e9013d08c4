k = 0;
for (; k < 2; k = k + 1) { print("a", k); }
// expect: a 0
// expect: a 1
for (m = 5; m < 7;) { print("b", m); m = m + 1; }
// expect: b 5
// expect: b 6
n = 0;
for (;;) { n = n + 1; if (n == 3) { break; } }
print(n); // expect: 3
