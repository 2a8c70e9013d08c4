function outer() {
    n = 0;
    function mid() {
        nonlocal n;
        function inner() {
            nonlocal n;
            n = n + 1;
            return n;
        }
        n = n + 10;
        return inner;
    }
    return mid;
}
print(outer()()());
