print(str(12), str(1.0), str(true), str(null), str([1, true]), str("x")); // expect: 12 1.0 true None [1, True] x
print(bool(1), bool(0), bool("a"), bool(""), bool([1]), bool({})); // expect: true false true false true false
print(typeof(str(1)), typeof(bool(1))); // expect: string boolean
