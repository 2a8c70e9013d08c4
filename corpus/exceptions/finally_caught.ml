try { x = 1 / 0; print("no"); } except (e) { print("caught", str(e)); } finally { print("finally"); }
// expect: caught division by zero
// expect: finally
