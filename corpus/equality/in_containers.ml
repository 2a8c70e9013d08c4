print([1, 2].index(2.0), [1, "1", true].count(1), [[1]].index([1]), [{a: 1}].count({a: 1.0})); // expect: 1 2 0 1
o = {};
o[1] = "int";
print(o[1.0], o[true]); // expect: int int
