a = [1, 2, 3];
a[0] = "x";
a[-1] = [9];
a[true] = null;
print(a); // expect: ['x', None, [9]]
m = [[0, 0], [0, 0]];
m[1][0] = 5;
print(m); // expect: [[0, 0], [5, 0]]
