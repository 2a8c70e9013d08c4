found = null;
for (i in range(1, 10)) {
    for (j in range(1, 10)) {
        if (i * j == 42) { found = [i, j]; break; }
    }
    if (found) { break; }
}
print(found); // expect: [6, 7]
