for (i = 0; i < 6; i = i + 1) {
    if (i == 1) { continue; }
    if (i == 4) { break; }
    print(i);
}
// expect: 0
// expect: 2
// expect: 3
print(i); // expect: 4
