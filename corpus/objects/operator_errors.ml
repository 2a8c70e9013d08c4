a = {x: 1};
try { b = a + a; } except (e) { print(str(e)); } // expect: unsupported operand type(s) for +: 'dict' and 'dict'
try { b = a - 1; } except (e) { print(str(e)); } // expect: unsupported operand type(s) for -: 'dict' and 'int'
try { b = a < a; } except (e) { print(str(e)); } // expect: '<' not supported between instances of 'dict' and 'dict'
try { b = a * 2; } except (e) { print(str(e)); } // expect: unsupported operand type(s) for *: 'dict' and 'int'
print(a + "!"); // expect: {'x': 1}!
