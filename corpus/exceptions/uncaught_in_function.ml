function inner() { return [1, 2][7]; }
function outer() { return inner(); }
print("start"); // expect: start
outer(); // expect error: IndexError: list index out of range
// expect error: .ml:1:
