print(enumerate("ab", 1), enumerate([]), enumerate({x: 1, y: 2})); // expect: [(1, 'a'), (2, 'b')] [] [(0, 'x'), (1, 'y')]
print(zip("ab", [1, 2, 3]), zip([1], [2], [3])); // expect: [('a', 1), ('b', 2)] [(1, 2, 3)]
for (pair in enumerate(["p", "q"])) { [i, v] = pair; print(i, v); }
// expect: 0 p
// expect: 1 q
