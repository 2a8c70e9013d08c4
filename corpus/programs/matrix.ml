function matmul(a, b) {
    rows = len(a);
    cols = len(b[0]);
    inner = len(b);
    out = [];
    for (i in range(rows)) {
        row = [];
        for (j in range(cols)) {
            s = 0;
            for (k in range(inner)) { s = s + a[i][k] * b[k][j]; }
            row.append(s);
        }
        out.append(row);
    }
    return out;
}
m = [[1, 2], [3, 4]];
print(matmul(m, m)); // expect: [[7, 10], [15, 22]]
p = m;
for (n in range(9)) { p = matmul(p, m); }
print(p); // expect: [[4783807, 6972050], [10458075, 15241882]]
print(matmul([[0.5, 1]], [[2], [4]])); // expect: [[5.0]]
