function outer() {
    x = 1;
    function inner() {
        y = x;
        nonlocal x; // expect error: .ml:5:
        x = 2;
    }
    return inner;
}
