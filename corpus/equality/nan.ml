n = float("nan");
print(n == n, n != n, [n] == [n] || true, 1 == n); // expect: false true true false
