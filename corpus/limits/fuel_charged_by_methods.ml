// vm-only
// fuel: 3000000
// Methods of strings and arrays charge fuel in proportion to their work before doing it:
// making two million characters costs two million ticks, so upper-casing them cannot fit in
// a budget of three million.
s = "a" * 2000000;
print(len(s)); // expect: 2000000
t = s.upper();
print("unreachable");
// expect limit: fuel
