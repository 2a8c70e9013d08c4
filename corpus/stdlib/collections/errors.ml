import collections;
function attempt(f) {
    try { print(f()); } except (e) { print(e.type + ": " + str(e)); }
}
attempt(fn() => collections.map([1, 0], fn(x) => 10 / x)); // expect: ZeroDivisionError: division by zero
attempt(fn() => collections.reduce([1], fn(a, b) => a + b)); // expect: TypeError: reduce() takes exactly 3 arguments (2 given)
attempt(fn() => collections.length(5)); // expect: TypeError: object of type 'int' has no len()
attempt(fn() => collections.map(5, fn(x) => x)); // expect: TypeError: 'int' object is not iterable
attempt(fn() => collections.sort([1, "a"])); // expect: TypeError: '<' not supported between instances of 'str' and 'int'
attempt(fn() => collections.get([1], "0")); // expect: TypeError: 'str' object cannot be interpreted as an integer
attempt(fn() => collections.map([1], 5)); // expect: TypeError: Cannot call object of type 'int': not callable
