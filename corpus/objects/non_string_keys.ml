o = {};
o[1] = "a";
o["b"] = [true];
print(o); // expect: {1: 'a', 'b': [True]}
o[1.0] = "one";
o[true] = "yes";
print(o, len(o)); // expect: {1: 'yes', 'b': [True]} 2
k = {};
k[null] = 0;
k[false] = 1;
k[2.5] = 2;
print(k, k[0], k[null]); // expect: {None: 0, False: 1, 2.5: 2} 1 0
