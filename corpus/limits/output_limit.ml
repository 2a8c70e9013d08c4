// max-output: 22
// expect limit: output
while (true) { print("0123456789"); }
// expect: 0123456789
// expect: 0123456789
