// finding: 4:1 critical code_injection
// finding: 5:5 critical code_injection
// finding: 6:23 critical code_injection
eval("1 + 2");
x = exec("print(1)");
function f() { return dir(); }
