memo = {};
memo[0] = 0;
memo[1] = 1;
function fib(n) {
    known = memo.get(n);
    if (known != null) { return known; }
    v = fib(n - 1) + fib(n - 2);
    memo[n] = v;
    return v;
}
print(fib(90), fib(150)); // expect: 2880067194370816120 9969216677189303386214405760200
print(len(memo), memo.get(200, "unknown")); // expect: 151 unknown
