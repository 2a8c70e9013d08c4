f = fn(x) x + 1;
g = 2;
