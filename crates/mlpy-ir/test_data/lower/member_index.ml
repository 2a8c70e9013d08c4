o = {};
o.k = 1;
o["j"] = 2;
a = [1, 2, 3, 4];
a[0] = o.k;
a[1:3] = [9];
a[::2] = [0, 0];
s = a[1:];
t = a[:-1:2];
u = a[::];
print(o.k, a.length, "x".upper(), a[0], s, t, u);
function make_adder(n) { return fn(x) => x + n; }
print(make_adder(2)(3), [fn() => 1][0](), o.get);
