function outer() {
    x = 1;
    y = 2;
    function mid() {
        function inner() { return x + y; }
        function inner2() { return y; }
        return [inner, inner2];
    }
    return mid;
}
print(outer()()[0]());
