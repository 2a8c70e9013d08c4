sq = fn(x) => x * x;
add = fn(a, b) => a + b;
none = fn() => null;
print(sq(4), add(1, 2), none()); // expect: 16 3 None
obj = fn() => {a: 1};
empty = fn() => {};
block = fn() => { return 1; };
print(obj(), empty(), block()); // expect: {'a': 1} {} 1
str_key = fn() => {"k": 2};
print(str_key()); // expect: {'k': 2}
nested = fn(x) => fn(y) => x * y;
print(nested(3)(4)); // expect: 12
tern = fn(x) => x > 0 ? "pos" : "non-pos";
print(tern(1), tern(-1)); // expect: pos non-pos
