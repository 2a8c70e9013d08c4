print("ok"); // expect: ok
x = "a" - 1; // expect error: TypeError: unsupported operand type(s) for -: 'str' and 'int'
// expect error: .ml:2:
print("not reached");
