function first() { return second() + 1; }
function second() { return 41; }
print(first()); // expect: 42
