function primes(n) {
    flags = [true] * (n + 1);
    flags[0] = false;
    flags[1] = false;
    for (i = 2; i * i <= n; i = i + 1) {
        if (flags[i]) {
            for (j = i * i; j <= n; j = j + i) { flags[j] = false; }
        }
    }
    out = [];
    for (k in range(n + 1)) { if (flags[k]) { out.append(k); } }
    return out;
}
p = primes(100);
print(len(p), p[:10], p[-1]); // expect: 25 [2, 3, 5, 7, 11, 13, 17, 19, 23, 29] 97
print(len(primes(10000))); // expect: 1229
