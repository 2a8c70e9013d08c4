x = [1, 2, 3, 2];
print(x.index(2), x.count(2), x.count(7)); // expect: 1 2 0
c = x.copy();
c.append(99);
print(x, c); // expect: [1, 2, 3, 2] [1, 2, 3, 2, 99]
s = ["b", "a", "C"];
s.sort();
print(s); // expect: ['C', 'a', 'b']
n = [3, 1.5, 2, true];
n.sort();
print(n); // expect: [True, 1.5, 2, 3]
