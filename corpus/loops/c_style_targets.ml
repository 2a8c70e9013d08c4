a = [0, 0, 0];
for (a[0] = 1; a[0] < 4; a[0] = a[0] + 1) { a[2] = a[2] + a[0]; }
print(a); // expect: [4, 0, 6]
o = {i: 0};
for (o.i = 2; o.i < 5; o.i = o.i + 2) { print(o.i); }
// expect: 2
// expect: 4
