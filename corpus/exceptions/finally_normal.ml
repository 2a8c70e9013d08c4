try { print("body"); } finally { print("finally"); }
// expect: body
// expect: finally
try { print("body2"); } except (e) { print("no"); } finally { print("finally2"); }
// expect: body2
// expect: finally2
