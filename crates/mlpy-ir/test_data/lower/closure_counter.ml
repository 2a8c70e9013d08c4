function make() {
    n = 0;
    function next() { nonlocal n; n = n + 1; return n; }
    return next;
}
a = make(); b = make();
print(a(), a(), b());
