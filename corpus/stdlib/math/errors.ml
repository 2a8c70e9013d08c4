import math;
function attempt(f) {
    try { print(f()); } except (e) { print(e.type + ": " + str(e)); }
}
attempt(fn() => math.asin(2)); // expect: ValueError: math domain error
attempt(fn() => math.acos(-1.5)); // expect: ValueError: math domain error
attempt(fn() => math.sin(float("inf"))); // expect: ValueError: math domain error
attempt(fn() => math.pow(-8, 1 / 3)); // expect: ValueError: math domain error
attempt(fn() => math.floor(float("inf"))); // expect: OverflowError: cannot convert float infinity to integer
attempt(fn() => math.ceil(float("nan"))); // expect: ValueError: cannot convert float NaN to integer
attempt(fn() => math.round(float("inf"))); // expect: OverflowError: cannot convert float infinity to integer
attempt(fn() => math.sqrt("4")); // expect: TypeError: must be real number, not str
attempt(fn() => math.factorial(2.5)); // expect: TypeError: 'float' object cannot be interpreted as an integer
attempt(fn() => math.gcd(1.5, 2)); // expect: TypeError: 'float' object cannot be interpreted as an integer
attempt(fn() => math.min(1)); // expect: TypeError: min() takes exactly 2 arguments (1 given)
attempt(fn() => math.sqrt()); // expect: TypeError: sqrt() takes exactly one argument (0 given)
attempt(fn() => math.abs("x")); // expect: TypeError: bad operand type for abs(): 'str'
attempt(fn() => math.pow("a", 2)); // expect: TypeError: unsupported operand type(s) for ** or pow(): 'str' and 'int'
attempt(fn() => math.random(1)); // expect: TypeError: random() takes no arguments (1 given)
