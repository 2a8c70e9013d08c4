// error: 4:34 name 'p' is parameter and nonlocal
function outer() {
    p = 1;
    function inner(p) { nonlocal p; p = 2; }
    return inner;
}
