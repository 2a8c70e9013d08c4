function f(a, b) { return a; }
function g(a) { return a; }
try { f(1); } except (e) { print(str(e)); } // expect: f() missing 1 required positional argument: 'b'
try { g(1, 2); } except (e) { print(str(e)); } // expect: g() takes 1 positional argument but 2 were given
h = fn(x) => x;
h(1, 2, 3); // expect error: TypeError
