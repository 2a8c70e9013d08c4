try { throw {message: "m"}; } except (a) { print("first", str(a)); } except (b) { print("second"); } except { print("third"); }
// expect: first m
try { x = 1 / 0; } except { print("bare except"); } // expect: bare except
try { print("no handlers"); } // expect: no handlers
