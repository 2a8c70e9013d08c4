print(1/3); // expect: 0.3333333333333333
print(2 * 0.5); // expect: 1.0
print(10 / 4, 10 // 4); // expect: 2.5 2
print(1e15, 1e16); // expect: 1000000000000000.0 1e+16
print(0.0001, 0.00001); // expect: 0.0001 1e-05
print(-0.0); // expect: -0.0
print(float("inf"), float("nan")); // expect: inf nan
print(12345678901234567890.0); // expect: 1.2345678901234567e+19
print(["it's", 'say "hi"']); // expect: ["it's", 'say "hi"']
print(enumerate(["a"]), zip([1], [2])); // expect: [(0, 'a')] [(1, 2)]
o = {}; o[1] = "a"; o["b"] = [true]; print(o); // expect: {1: 'a', 'b': [True]}
print(repr("s"), repr(1), repr(true), repr([true])); // expect: 's' 1 true [True]
print("Total: " + 2.50); // expect: Total: 2.5
