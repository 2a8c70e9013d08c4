function make_fact() {
    function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }
    return fact;
}
f = make_fact();
print(f(20), f(30)); // expect: 2432902008176640000 265252859812191058636308480000000
