text = "the quick brown fox jumps over the lazy dog the fox";
counts = {};
order = [];
for (w in text.split()) {
    if (keys(counts).count(w) == 0) { counts[w] = 0; order.append(w); }
    counts[w] = counts[w] + 1;
}
pairs = [];
for (w in order) { pairs.append([-counts[w], w]); }
pairs.sort();
top = [];
for (p in pairs[:3]) { top.append(p[1] + "=" + (-p[0])); }
print(", ".join(top)); // expect: the=3, fox=2, brown=1
