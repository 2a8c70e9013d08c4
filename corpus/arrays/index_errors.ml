a = [1, 2, 3];
try { x = a[3]; } except (e) { print(str(e)); } // expect: list index out of range
try { x = a[-4]; } except (e) { print(str(e)); } // expect: list index out of range
try { x = a[1.0]; } except (e) { print(str(e)); } // expect: list indices must be integers or slices, not float
try { x = a["1"]; } except (e) { print(str(e)); } // expect: list indices must be integers or slices, not str
try { x = a[null]; } except (e) { print(str(e)); } // expect: list indices must be integers or slices, not NoneType
try { a[3] = 4; } except (e) { print(str(e)); } // expect: list assignment index out of range
print(a); // expect: [1, 2, 3]
x = a[10]; // expect error: IndexError: list index out of range
