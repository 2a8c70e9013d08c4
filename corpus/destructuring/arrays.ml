[a, b] = [1, 2];
print(a, b); // expect: 1 2
[a, b] = [b, a];
print(a, b); // expect: 2 1
[x, y, z] = "xyz";
print(x, y, z); // expect: x y z
[p, q] = zip([1], [2])[0];
print(p, q); // expect: 1 2
[only] = [[1, 2]];
print(only); // expect: [1, 2]
