b = [1, 2, 3, 4, 5];
b[1:3] = [9];
print(b); // expect: [1, 9, 4, 5]
b[:0] = [0];
print(b); // expect: [0, 1, 9, 4, 5]
b[::2] = ["x", "y", "z"];
print(b); // expect: ['x', 1, 'y', 4, 'z']
b[1:] = [];
print(b); // expect: ['x']
b[::-1] = ["only"];
print(b); // expect: ['only']
c = [1, 2, 3, 4];
c[::2] = [0]; // expect error: ValueError
