function f(a, ...rest) { return [a, rest, len(rest)]; }
print(f(1)); // expect: [1, [], 0]
print(f(1, 2, 3)); // expect: [1, [2, 3], 2]
function all_args(...args) { return args; }
print(all_args(), all_args("x", null)); // expect: [] ['x', None]
g = fn(...xs) => len(xs);
print(g(), g(1, 2, 3)); // expect: 0 3
r = all_args(1);
r.append(2);
print(r, typeof(r)); // expect: [1, 2] array
f(); // expect error: TypeError
