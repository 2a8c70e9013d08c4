words = ["a", "bb", "ccc", "bb"];
counts = {};
for (w in words) {
    if (keys(counts).count(w) == 0) { counts[w] = 0; }
    counts[w] = counts[w] + 1;
}
print(counts); // expect: {'a': 1, 'bb': 2, 'ccc': 1}
