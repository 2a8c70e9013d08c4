for (i = 0; i < 3; i = i + 1) { print(i); }
// expect: 0
// expect: 1
// expect: 2
print(i); // expect: 3
total = 0;
for (j = 10; j > 0; j = j - 3) { total = total + j; }
print(total, j); // expect: 22 -2
