x = 10;
function bad() { y = x; x = 5; return y; }
try { bad(); } except (e) { print(str(e)); } // expect: cannot access local variable 'x' where it is not associated with a value
print(x); // expect: 10
bad(); // expect error: UnboundLocalError: cannot access local variable 'x' where it is not associated with a value
