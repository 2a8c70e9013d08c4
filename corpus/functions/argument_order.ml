function trace(v) { print("eval", v); return v; }
function three(a, b, c) { return [a, b, c]; }
print(three(trace(1), trace(2), trace(3)));
// expect: eval 1
// expect: eval 2
// expect: eval 3
// expect: [1, 2, 3]
function pick() { print("callee"); return three; }
r = pick()(trace("a"), trace("b"), trace("c"));
// expect: callee
// expect: eval a
// expect: eval b
// expect: eval c
print(r); // expect: ['a', 'b', 'c']
