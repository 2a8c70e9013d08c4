function f() {
    print(x);
    x = 1;
}
f(); // expect error: UnboundLocalError: cannot access local variable 'x' where it is not associated with a value
// expect error: .ml:2:
