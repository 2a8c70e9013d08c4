print(true ? 1 : 0 || 5, false ? 1 : 0 || 5, false || true ? "y" : "n"); // expect: 1 5 y
print(1 + 1 == 2 ? "eq" : "ne", [1 ? "a" : "b", 0 ? "a" : "b"]); // expect: eq ['a', 'b']
f = fn(n) => n > 0 ? n * 2 : n < 0 ? -n : "zero";
print(f(3), f(-4), f(0)); // expect: 6 4 zero
