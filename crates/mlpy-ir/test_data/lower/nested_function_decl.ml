function outer(n) {
    function fact(k) { if (k <= 1) { return 1; } return k * fact(k - 1); }
    if (n > 0) { function helper() { return n; } }
    return fact(n) + helper();
}
print(outer(5));
