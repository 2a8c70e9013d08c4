// An object with a non-string key exposes the object method table and `length`.
o = {};
o[1] = "x";
o["a"] = 2;
print(o.keys(), o.values(), o.items()); // expect: [1, 'a'] ['x', 2] [(1, 'x'), ('a', 2)]
print(o.get(1), o.get(5), o.get(5, "d"), o.length); // expect: x None d 2
print(o.setdefault("n", 0), o.pop(1), o); // expect: 0 x {'a': 2, 'n': 0}
