calls = 0;
function src() { nonlocal calls; calls = calls + 1; return {a: 1, b: 2, c: 3}; }
{a, b, c} = src();
print(a, b, c, calls); // expect: 1 2 3 1
function pair() { print("pair called"); return [10, 20]; }
[u, v] = pair(); // expect: pair called
print(u + v); // expect: 30
