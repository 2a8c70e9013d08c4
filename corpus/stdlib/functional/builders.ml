import functional;
add = fn(a, b) => a + b;
inc = functional.partial(add, 1);
twiceThenInc = functional.compose(inc, fn(x) => x * 2);
print(inc(5), twiceThenInc(3), functional.partition(fn(x) => x % 2 == 0, [1, 2, 3, 4])); // expect: 6 7 [[2, 4], [1, 3]]
print(functional.compose()(7), functional.pipe(inc, fn(x) => x * 2)(3), functional.pipe()(1)); // expect: 7 8 1
print(functional.composeAll([inc, inc, fn(x) => x * 10])(1), functional.pipeAll([inc, fn(x) => x * 10])(1)); // expect: 12 20
add3 = fn(a, b, c) => a + b + c;
c = functional.curry(add3);
print(c(1)(2)(3), c(1, 2)(3), c(1)(2, 3), c(1, 2, 3), typeof(c(1))); // expect: 6 6 6 6 function
print(functional.curry(fn(...xs) => len(xs), 2)(1)(2, 3)); // expect: 2
print(functional.curry2(add)(2)(3), functional.partial_apply(add3, 1, 2)(3)); // expect: 5 6
print(functional.identity([1]), functional.constant(42)(), typeof(functional.constant(1))); // expect: [1] 42 function
calls = [];
slow = fn(n) => calls.append(n) || n * n;
fast = functional.memoize(slow);
print(fast(3), fast(3), fast(4), calls); // expect: 9 9 16 [3, 4]
classify = functional.ifElse(fn(x) => x > 0, fn(x) => "pos", fn(x) => "non-pos");
print(classify(5), classify(-1)); // expect: pos non-pos
sign = functional.cond([[fn(x) => x < 0, fn(x) => -1], [fn(x) => x == 0, fn(x) => 0], [fn(x) => true, fn(x) => 1]]);
print(sign(-5), sign(0), sign(9), functional.cond([])(1)); // expect: -1 0 1 None
print(functional.juxt([fn(x) => x + 1, fn(x) => x * 2, str])(5)); // expect: [6, 10, '5']
print(requiredCapabilities(functional.compose), requiredCapabilities(functional.identity), requiredCapabilities(inc)); // expect: ['functional.compose'] [] []
try { functional.curry(functional.partial(add, 1)); } except (e) { print(e.type + ": " + str(e)); } // expect: TypeError: curry() needs an explicit arity for this function
try { functional.curry(len); } except (e) { print(e.type + ": " + str(e)); } // expect: TypeError: curry() needs an explicit arity for this function
print(functional.curry(functional.partial(add3, 1), 2)(2)(3), functional.curry(len, 1)("abc")); // expect: 6 3
try { functional.compose(inc)(1, 2); } except (e) { print(e.type + ": " + str(e)); } // expect: TypeError: composed() takes 1 positional argument but 2 were given
try { functional.constant(1)(2); } except (e) { print(e.type + ": " + str(e)); } // expect: TypeError: constant() takes 0 positional arguments but 1 were given
try { functional.compose(1); } except (e) { print(e.type + ": " + str(e)); } // expect: TypeError: compose() expects a function, got 'int'
try { functional.memoize(len)([1]); } except (e) { print(e.type + ": " + str(e)); } // expect: TypeError: unhashable type: 'list'
