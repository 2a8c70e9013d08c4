// D10: a call may follow any postfix or parenthesised expression.
function make_adder(n) { return fn(x) => x + n; }
print(make_adder(2)(3)); // expect: 5
xs = [fn(v) => v * 2, fn(v) => v * 3];
print(xs[0](1), xs[1](2)); // expect: 2 6
print((fn(x) => x + 100)(1)); // expect: 101
f = make_adder;
print((f)(1)(1)); // expect: 2
function curry(a) { return fn(b) => fn(c) => a + b + c; }
print(curry(1)(2)(3)); // expect: 6
function obj() { return {m: fn(k) => {v: k}, list: [10, 20]}; }
print(obj().m(7).v, obj().list[1], obj()["list"][0]); // expect: 7 20 10
print("abc".upper().lower().upper()); // expect: ABC
