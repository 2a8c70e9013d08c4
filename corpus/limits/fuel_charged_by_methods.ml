// vm-only
// fuel: 1000000
// Methods of strings and arrays charge fuel in proportion to their work before doing it:
// two million characters cannot be upper-cased on a budget of one million instructions.
s = "a" * 2000000;
print(len(s)); // expect: 2000000
t = s.upper();
print("unreachable");
// expect limit: fuel
