// A name bound only in another function passes the compile check and fails at run time.
function a() { only_in_a = 1; return only_in_a; }
function b() { return only_in_a; }
print(a()); // expect: 1
print(b()); // expect error: NameError: name 'only_in_a' is not defined
