function fact(n) {
    r = 1;
    for (i in range(2, n + 1)) { r = r * i; }
    return r;
}
print(fact(25)); // expect: 15511210043330985984000000
print(9223372036854775807 + 1); // expect: 9223372036854775808
print(-9223372036854775808 - 1); // expect: -9223372036854775809
p = 1;
for (i in range(64)) { p = p * 2; }
print(p, p // 3, p % 3); // expect: 18446744073709551616 6148914691236517205 1
print(p * p); // expect: 340282366920938463463374607431768211456
q = 1;
for (i in range(100)) { q = q + q; }
print(q); // expect: 1267650600228229401496703205376
print(12345678901234567890123 - 12345678901234567890124); // expect: -1
big = p * 64;
print(-big // 7, -big % 7, big // -7); // expect: -168655945816773043347 5 -168655945816773043347
print(abs(-big), typeof(big)); // expect: 1180591620717411303424 number
