print(["it's", 'say "hi"']); // expect: ["it's", 'say "hi"']
print(enumerate(["a"]), zip([1], [2])); // expect: [(0, 'a')] [(1, 2)]
o = {};
o[1] = "a";
o["b"] = [true];
print(o); // expect: {1: 'a', 'b': [True]}
print([[], {}, [[]], [{}]]); // expect: [[], {}, [[]], [{}]]
k = {};
k[true] = 1;
k[null] = 2;
k[2.5] = 3;
print(k); // expect: {True: 1, None: 2, 2.5: 3}
print([1, [2, "x\ny"]], {"key with 'quote'": 1}); // expect: [1, [2, 'x\ny']] {"key with 'quote'": 1}
