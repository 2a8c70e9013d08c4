function fib(n) {
    if (n < 2) { return n; }
    return fib(n - 1) + fib(n - 2);
}
add = fn(a, b) => a + b;
function collect(first, ...rest) { return [first, rest]; }
print(fib(10), add(1, 2), collect(1, 2, 3));
