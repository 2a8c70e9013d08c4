sq = fn(x) => x * x;
mk = fn(k) => fn(v) => v + k;
add2 = mk(2);
o = {f: fn(x) => x + 1};
counter = 0;
tick = fn() => { nonlocal counter; counter = counter + 1; return counter; };
tick(); tick();
print(sq(4), add2(5), o.f(1), counter); // expect: 16 7 2 2
