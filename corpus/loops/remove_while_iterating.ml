// Iteration over an array is live by index (language.md 6.6).
a = [1, 2, 3, 4];
for (x in a) { a.remove(x); }
print(a); // expect: [2, 4]
