print(int("3.9"), int(" 7 "), int("1e3"), int("12345678901234567890")); // expect: 3 7 1000 12345678901234567890
print(float("1e3"), float("inf"), float("-Infinity"), float("nan"), float("1_000")); // expect: 1000.0 inf -inf nan 1000.0
