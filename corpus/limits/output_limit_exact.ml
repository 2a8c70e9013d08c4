// max-output: 10
// expect limit: output
print("12345"); // expect: 12345
print("abc");
// expect: abc
print("more");
