function outer() {
    a = 1;
    function inner(a) { nonlocal a; a = 2; } // expect error: .ml:3:
    return inner;
}
