print(range(3), range(1, 4), range(3, 0, -1), range(0, 10, 4), range(-2)); // expect: [0, 1, 2] [1, 2, 3] [3, 2, 1] [0, 4, 8] []
print(range(true), len(range(1000))); // expect: [0] 1000
try { range(1.5); } except (e) { print(str(e)); } // expect: 'float' object cannot be interpreted as an integer
try { range(1, 5, 0); } except (e) { print(str(e)); } // expect: range() arg 3 must not be zero
range(); // expect error: TypeError
