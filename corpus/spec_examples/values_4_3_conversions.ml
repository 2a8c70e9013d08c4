print(true, false, null, 1.0, 0.1 + 0.2, 1e16, 1e-5, 123456789.0, [1, "two", true, null, 2.5], {k: "v", n: {b: false}});
print(str(true), str(null), str([true]), "x" + true, "x" + null);
import console;
console.log(true, null, [false]);
// expect: true false None 1.0 0.30000000000000004 1e+16 1e-05 123456789.0 [1, 'two', True, None, 2.5] {'k': 'v', 'n': {'b': False}}
// expect: true None [True] xTrue xNone
// expect: True None [False]
