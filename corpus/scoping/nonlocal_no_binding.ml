print("compile error means nothing runs");
function f() { nonlocal nowhere; nowhere = 1; }
f(); // expect error: no binding for nonlocal 'nowhere' found
