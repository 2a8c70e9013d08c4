// error: 4:18 Duplicate parameter 'a' in function definition
// error: 5:16 Duplicate parameter 'x' in function definition
// error: 6:18 Duplicate parameter 'r' in function definition
function f(a, b, a) { return a; }
g = fn(x: int, x) => x;
function h(r, ...r) { return r; }
