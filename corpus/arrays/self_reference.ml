a = [1];
a.append(a);
print(a, len(a)); // expect: [1, [...]] 2
o = {k: 1};
o.self = o;
print(o); // expect: {'k': 1, 'self': {...}}
