// error: 5:39 name 'n' is used prior to nonlocal declaration
// error: 6:36 name 'n' is assigned to before nonlocal declaration
function outer() {
    n = 0;
    function a() { print(n); nonlocal n; }
    function b() { n = 1; nonlocal n; }
    return [a, b];
}
