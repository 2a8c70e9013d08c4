try { [a, b] = [1, 2, 3]; } except (e) { print(str(e)); } // expect: too many values to unpack (expected 2)
try { [a, b, c] = [1, 2]; } except (e) { print(str(e)); } // expect: not enough values to unpack (expected 3, got 2)
try { {a, q} = {a: 1}; } except (e) { print(str(e)); } // expect: 'q'
try { [a, b] = 5; } except (e) { print(e.type); } // expect: TypeError
[m, n] = "abc"; // expect error: ValueError: too many values to unpack (expected 2)
