x = 10;
function bad() { y = x; x = 5; return y; }   // x is local for the whole body
print(bad()); // expect error: UnboundLocalError
// expect error: .ml:2:
