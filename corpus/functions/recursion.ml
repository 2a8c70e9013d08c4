function fib(n) { if (n < 2) { return n; } return fib(n - 1) + fib(n - 2); }
print(fib(20)); // expect: 6765
function even(n) { if (n == 0) { return true; } return odd(n - 1); }
function odd(n) { if (n == 0) { return false; } return even(n - 1); }
print(even(10), odd(7), even(3)); // expect: true true false
function depth(n) { if (n == 0) { return 0; } return 1 + depth(n - 1); }
print(depth(500)); // expect: 500
