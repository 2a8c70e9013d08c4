x = 1
function f() { return 1; }
function g() { return 2; }
