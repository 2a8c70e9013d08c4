print(sum([1, 2, 3]), sum([1.5, 2]), sum([], 10), sum([1, 2, 3], 10), sum([[1], [2]], [])); // expect: 6 3.5 10 16 [1, 2]
print(sum([0.1, 0.1, 0.1]), sum([true, true])); // expect: 0.30000000000000004 2
try { sum(["a"], ""); } except (e) { print(str(e)); } // expect: sum() can't sum strings [use ''.join(seq) instead]
