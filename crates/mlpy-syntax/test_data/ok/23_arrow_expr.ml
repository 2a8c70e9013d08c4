sq = fn(x) => x * x;
mk = fn(k) => fn(v) => v + k;
none = fn() => 0;
