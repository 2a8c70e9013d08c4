print(min("abc"), min(5), max(), min([3, 1, 2]), max([]), min(3, 1, 2), max("a", "b")); // expect: abc 5 None 1 None 1 b
print(max([1, 2], [1, 3]), min(1.0, 1), max(1, 1.0), max([2, 7.5, -1])); // expect: [1, 3] 1.0 1 7.5
try { min(1, "a"); } except (e) { print(e.type); } // expect: TypeError
