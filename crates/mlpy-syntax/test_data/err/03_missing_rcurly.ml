function f() {
    x = 1;

function g() { return 2; }
function h() {}
