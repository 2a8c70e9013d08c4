// vm-only
// fuel: 2000000
// expect limit: fuel
// Appending to a long string copies it: each `+` is charged for the characters it produces,
// so this quadratic loop runs out of fuel long before it has run two million instructions.
s = "";
n = 0;
while (n < 100000) {
    s = s + "0123456789abcdef";
    n = n + 1;
}
print("never reached", len(s));
