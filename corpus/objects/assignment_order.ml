o = {b: 1, a: 2};
o.c = 3;
o["b"] = 10;
o.a = 20;
print(o); // expect: {'b': 10, 'a': 20, 'c': 3}
print(keys(o), values(o)); // expect: ['b', 'a', 'c'] [10, 20, 3]
o.length = 99;
print(o.length, len(o)); // expect: 99 4
