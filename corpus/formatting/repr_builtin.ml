print(repr("s"), repr(1), repr(true), repr([true])); // expect: 's' 1 true [True]
print(repr(null), repr(2.0), repr({a: "b"}), repr("a\tb")); // expect: None 2.0 {'a': 'b'} 'a\tb'
print(repr(zip([1], ["x"])[0])); // expect: (1, 'x')
