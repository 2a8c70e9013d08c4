print(all([]), any([]), all([1, "a"]), all([1, 0]), any([0, "", null]), any([0, [0]])); // expect: true false true false false true
print(all("abc"), any({}), all({a: 0})); // expect: true false true
