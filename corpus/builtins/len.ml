print(len("abc"), len([1, 2]), len({a: 1}), len(zip([1], [2])[0]), len("")); // expect: 3 2 1 2 0
print(len(null), len(5), len(2.5), len(true), len(len)); // expect: 0 0 0 0 0
