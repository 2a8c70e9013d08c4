[a, b, c] = [1, 2, 3];
[a, b, c] = [c, a, b];
print(a, b, c); // expect: 3 1 2
[s, t] = [[1, 2], {k: "v"}];
print(s, t.k); // expect: [1, 2] v
