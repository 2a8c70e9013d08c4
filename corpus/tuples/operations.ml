a = zip([1], [2])[0];
b = zip([3], [4])[0];
print(a + b, a == b, a < b, a == zip([1], [2])[0]); // expect: (1, 2, 3, 4) false true true
print(a == [1, 2], [1, 2] == a, a != [1, 2]); // expect: false false true
c = (a + b + a);
print(c.count(1), c.index(4)); // expect: 2 3
for (v in a) { print(v); }
// expect: 1
// expect: 2
[p, q] = a;
print(p, q); // expect: 1 2
