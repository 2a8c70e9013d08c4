out = [];
for (c in "abc") { out.append(c); }
print(out, c); // expect: ['a', 'b', 'c'] c
for (c in "") { print("never"); }
print(c); // expect: c
