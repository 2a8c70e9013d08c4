try { 1 / 0; } except (e) { print(str(e)); } // expect: division by zero
try { 1.0 / 0; } except (e) { print(str(e)); } // expect: float division by zero
try { 1 / 0.0; } except (e) { print(str(e)); } // expect: float division by zero
try { 1 // 0; } except (e) { print(str(e)); } // expect: integer division or modulo by zero
try { 1.5 // 0; } except (e) { print(str(e)); } // expect: float floor division by zero
try { 1 % 0; } except (e) { print(str(e)); } // expect: integer modulo by zero
try { 1.5 % 0; } except (e) { print(str(e)); } // expect: float modulo
try { true / false; } except (e) { print(str(e)); } // expect: division by zero
print("end"); // expect: end
x = 5;
y = 0;
z = x / y; // expect error: ZeroDivisionError: division by zero
