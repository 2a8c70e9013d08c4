z = zip([1, 2], ["a", "b"], [true, null]);
print(z); // expect: [(1, 'a', True), (2, 'b', None)]
print(z[0] < z[1], z[1][2], len(z[0])); // expect: true None 3
print(sorted([z[1], z[0]]) == z, [z[0]] + [z[1]] == z); // expect: true true
