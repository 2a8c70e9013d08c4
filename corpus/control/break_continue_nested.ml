for (i in range(3)) {
    for (j in range(3)) {
        if (j == 1) { continue; }
        if (j == 2) { break; }
        print(i, j);
    }
    if (i == 1) { break; }
}
// expect: 0 0
// expect: 1 0
print(i, j); // expect: 1 2
