t = enumerate(["a"])[0];
try { x = t[2]; } except (e) { print(str(e)); } // expect: tuple index out of range
try { t[0] = 1; } except (e) { print(str(e)); } // expect: 'tuple' object does not support item assignment
try { t.append(1); } except (e) { print(str(e)); } // expect: 'tuple' object has no accessible method 'append'
x = t + [1]; // expect error: TypeError
