o = {a: 1};
print(o.a); // expect: 1
v = o["nope"]; // expect error: KeyError: 'nope'
