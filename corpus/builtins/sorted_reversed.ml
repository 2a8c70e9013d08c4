print(sorted([3, 1, 2]), sorted([3, 1, 2], true), sorted("bca"), sorted({b: 1, a: 2})); // expect: [1, 2, 3] [3, 2, 1] ['a', 'b', 'c'] ['a', 'b']
a = [2, 1];
b = sorted(a);
print(a, b); // expect: [2, 1] [1, 2]
print(reversed([1, 2, 3]), reversed("abc"), reversed({a: 1, b: 2}), reversed(zip([1], [2])[0])); // expect: [3, 2, 1] ['c', 'b', 'a'] ['b', 'a'] [2, 1]
sorted([1, "a"]); // expect error: TypeError
