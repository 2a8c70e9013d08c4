while (f(x)) // loop
{ x = x - 1; }
function g(a) // decl
{ return a; }
h = fn(a) // arrow
=> a;
try { a(); } except (e) // handler
{ b(); }
