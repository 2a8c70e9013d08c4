o = {};
o[1] = "a";
o["b"] = 2;
o["c"] = 3;
o.pop("b");
o["b"] = 20;
print(o); // expect: {1: 'a', 'c': 3, 'b': 20}
print(o.popitem(), o); // expect: ('b', 20) {1: 'a', 'c': 3}
o.update({d: 4});
print(o, o.length); // expect: {1: 'a', 'c': 3, 'd': 4} 3
o.clear();
print(o, len(o)); // expect: {} 0
