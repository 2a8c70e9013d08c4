f = fn(x) => x + 1 > 2 ? a : b;
g = c ? fn() => 1 : fn() => 2;
h = [fn(a) => a, fn(b) => b];
