function f() { return; }
function g() { return 1 + 2; }
function h() { return fn() => 1; }
