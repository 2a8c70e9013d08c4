print(callable(print), callable("s".upper), callable({}), callable(fn() => 1), callable(null)); // expect: true true false true false
print(call(max, 3, 9), call(fn(a, b) => a - b, 5, 2), call(fn() => "none")); // expect: 9 3 none
call(5); // expect error: TypeError
