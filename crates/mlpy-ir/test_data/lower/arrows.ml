sq = fn(x) => x * x;
mk = fn(k) => fn(v) => v + k;
add2 = mk(2);
o = {f: fn(x) => x + 1};
empty = fn() => {};
obj = fn() => {a: 1};
block = fn(a: number) => { b = a * 2; return b; };
print(sq(4), add2(5), o.f(1), empty(), obj(), block(3), (fn(x) => x)(1));
