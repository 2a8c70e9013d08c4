o = {name: "Ada", "full name": "Ada L", age: 36};
print(o.name, o["full name"], o["age"], o.missing); // expect: Ada Ada L 36 None
print(o, typeof(o)); // expect: {'name': 'Ada', 'full name': 'Ada L', 'age': 36} object
print({}, len(o), len({})); // expect: {} 3 0
print({a: {b: {c: [1, {d: null}]}}}); // expect: {'a': {'b': {'c': [1, {'d': None}]}}}
