print(sorted([1, 1.0, true]), sorted([true, 1, 1.0])); // expect: [1, 1.0, True] [True, 1, 1.0]
print(sorted([[2, "a"], [1, "z"], [1, "b"]])); // expect: [[1, 'b'], [1, 'z'], [2, 'a']]
print(sorted(["b", "B", "a", "A"]), sorted([0.5, -1, 2], true)); // expect: ['A', 'B', 'a', 'b'] [2, 0.5, -1]
