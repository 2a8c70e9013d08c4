function outer() {
    x = 1;
    function middle() {
        nonlocal x;
        x = x + 10;
        function inner() {
            nonlocal x;
            x = x + 100;
        }
        inner();
        return x;
    }
    r = middle();
    return [r, x];
}
print(outer()); // expect: [111, 111]
