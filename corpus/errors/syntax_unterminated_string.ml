print("ok");
s = "never closed;
// expect error: SyntaxError
