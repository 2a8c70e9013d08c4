// `//` after an operand is floor division; anywhere else it starts a comment (language.md 1.2).
a = 17;
b = a // 5;          // after an identifier: floor division
print(b); // expect: 3
c = (a) // 4;        // after a non-header `)`: floor division
print(c); // expect: 4
d = [9, 8][0] // 2;  // after `]`: floor division
print(d); // expect: 4
e = 20 // 6 // 2;    // chained, left associative
print(e); // expect: 1
f = true // 1;
print(f); // expect: 1
