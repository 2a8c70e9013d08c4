a = [1, 2];
for (x in a) {
    if (x < 3) { a.append(x + 2); }
    print(x);
}
// expect: 1
// expect: 2
// expect: 3
// expect: 4
print(a); // expect: [1, 2, 3, 4]
