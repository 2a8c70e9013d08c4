function f() { return 1; }
g = f;
h = fn() => 1;
print(f == g, f == h, h == h, f != h); // expect: true false true true
