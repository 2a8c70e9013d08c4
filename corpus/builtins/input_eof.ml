// The runner gives programs an empty standard input.
line = input("name?"); // expect: name?
// expect error: EOFError
