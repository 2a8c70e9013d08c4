print("nothing runs");
function f(a, a) { return a; } // expect error: .ml:2:
