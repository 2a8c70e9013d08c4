// `nonlocal` finds the nearest enclosing function that binds the name, skipping functions
// that only read it.
function a() {
    v = "a";
    function b() {
        function c() { nonlocal v; v = "set by c"; }
        c();
        return v;
    }
    return [b(), v];
}
print(a()); // expect: ['set by c', 'set by c']
