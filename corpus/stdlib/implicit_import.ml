// E4: a free stdlib module name is imported implicitly.
doubled = collections.map([1, 2, 3], function(x) { return x * 2; });
print(doubled); // expect: [2, 4, 6]
print(collections.reduce([1, 2, 3], fn(a, b) => a + b, 0)); // expect: 6
