function make() {
    n = 0;
    function next() { nonlocal n; n = n + 1; return n; }
    function two() { nonlocal a, b; }
    return next;
}
