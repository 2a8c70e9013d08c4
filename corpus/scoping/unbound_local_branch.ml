function f(flag) {
    if (flag) { v = "set"; }
    return v;
}
print(f(true)); // expect: set
print(f(false)); // expect error: UnboundLocalError
