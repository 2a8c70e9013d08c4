// error: 5:33 no binding for nonlocal 'missing' found
// error: 8:44 no binding for nonlocal 'sibling_only' found
// error: 10:45 no binding for nonlocal 'later_local' found
function outer() {
    function inner() { nonlocal missing; missing = 1; }
    return inner;
}
function other() { function g() { nonlocal sibling_only; sibling_only = 2; } return g; }
function sibling() { sibling_only = 0; }
function nested() { function h() { nonlocal later_local; } return h; }
