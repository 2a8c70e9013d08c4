// Every message template of values.md 9.3, caught and printed with str(e).
function msg(f) { try { f(); return "no error"; } except (e) { return str(e); } }
print(msg(fn() => "a" - 1)); // expect: unsupported operand type(s) for -: 'str' and 'int'
print(msg(fn() => -"a")); // expect: bad operand type for unary -: 'str'
print(msg(fn() => 1 < "a")); // expect: '<' not supported between instances of 'int' and 'str'
print(msg(fn() => [1] + 2)); // expect: can only concatenate list (not "int") to list
print(msg(fn() => [1] * "s")); // expect: can't multiply sequence by non-int of type 'str'
print(msg(fn() => 1 / 0)); // expect: division by zero
print(msg(fn() => 1.0 / 0)); // expect: float division by zero
print(msg(fn() => 1 // 0)); // expect: integer division or modulo by zero
print(msg(fn() => 1.0 // 0)); // expect: float floor division by zero
print(msg(fn() => 1 % 0)); // expect: integer modulo by zero
print(msg(fn() => 1.0 % 0)); // expect: float modulo
print(msg(fn() => [][0])); // expect: list index out of range
print(msg(fn() => ""[0])); // expect: string index out of range
print(msg(fn() => zip([1])[0][1])); // expect: tuple index out of range
print(msg(function() { a = []; a[0] = 1; })); // expect: list assignment index out of range
print(msg(fn() => [1][0.5])); // expect: list indices must be integers or slices, not float
print(msg(fn() => "s"[0.5])); // expect: string indices must be integers, not 'float'
print(msg(fn() => ({a: 1})["b"])); // expect: 'b'
print(msg(function() { o = {}; o[[1]] = 1; })); // expect: unhashable type: 'list'
print(msg(fn() => (5)[0])); // expect: 'int' object is not subscriptable
print(msg(function() { for (x in 5) { } })); // expect: 'int' object is not iterable
print(msg(function() { s = "x"; s[0] = "y"; })); // expect: 'str' object does not support item assignment
print(msg(function() { n = 5; n[0] = 1; })); // expect: 'int' object does not support item assignment
print(msg(function() { n = 5; n(); })); // expect: Cannot call object of type 'int': not callable
print(msg(function() { function f(a, b) { } f(1); })); // expect: f() missing 1 required positional argument: 'b'
print(msg(function() { function f(a) { } f(1, 2); })); // expect: f() takes 1 positional argument but 2 were given
print(msg(function() { function g() { return ghost; } g(); function h() { ghost = 1; } })); // expect: name 'ghost' is not defined
print(msg(function() { v = w; w = 1; })); // expect: cannot access local variable 'w' where it is not associated with a value
print(msg(fn() => "s".x)); // expect: 'str' object has no accessible attribute 'x'
print(msg(fn() => "s".x())); // expect: 'str' object has no accessible method 'x'
print(msg(fn() => ({}).x())); // expect: ML object has no property 'x'
print(msg(fn() => ({x: 1}).x())); // expect: Property 'x' is not callable (got int)
print(msg(function() { [a, b] = [1, 2, 3]; })); // expect: too many values to unpack (expected 2)
print(msg(function() { [a, b, c] = [1, 2]; })); // expect: not enough values to unpack (expected 3, got 2)
