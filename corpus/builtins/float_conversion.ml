print(float(true), float(false), float(3), float(2.5), float("1e3"), float("  2.5 ")); // expect: 1.0 0.0 3.0 2.5 1000.0 2.5
print(float("inf"), float("-Infinity"), float("nan"), float("1_000"), float("-0")); // expect: inf -inf nan 1000.0 -0.0
try { float("x"); } except (e) { print(str(e)); } // expect: could not convert string to float: 'x'
float([1]); // expect error: TypeError
