x = 1;
y = "abc;
function f() {}
