s = "first
second";
print(len(s)); // expect: 12
print(s); // expect: first
// expect: second
print(s.split("\n")); // expect: ['first', 'second']
