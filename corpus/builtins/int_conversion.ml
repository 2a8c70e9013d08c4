print(int(true), int(false), int(7), int(-3.7), int(3.9999), int("42"), int("-17")); // expect: 1 0 7 -3 3 42 -17
print(int("3.9"), int(" 7 "), int("1e3"), int("1_000"), int("+5")); // expect: 3 7 1000 1000 5
print(int("12345678901234567890"), int(1e20)); // expect: 12345678901234567890 100000000000000000000
try { int("abc"); } except (e) { print(str(e)); } // expect: invalid literal for int() with base 10: 'abc'
try { int(float("inf")); } except (e) { print(str(e)); } // expect: cannot convert float infinity to integer
try { int(float("nan")); } except (e) { print(str(e)); } // expect: cannot convert float NaN to integer
int(null); // expect error: TypeError
