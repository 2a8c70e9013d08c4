for (i in range(3)) { print(i); }
// expect: 0
// expect: 1
// expect: 2
z = {}.missing_call(); // expect error: AttributeError
