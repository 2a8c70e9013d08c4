function twice(f, x) { return f(f(x)); }
function inc(x) { return x + 1; }
print(twice(inc, 5)); // expect: 7
ops = [inc, fn(x) => x * 10, function(x) { return -x; }];
out = [];
for (op in ops) { out.append(op(3)); }
print(out); // expect: [4, 30, -3]
table = {sq: fn(x) => x * x};
print(table.sq(9), table["sq"](4)); // expect: 81 16
f = len;
print(f([1, 2]), f == len, inc == inc, inc == twice); // expect: 2 true true false
