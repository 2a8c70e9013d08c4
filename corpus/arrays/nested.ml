grid = [];
for (r in range(3)) {
    row = [];
    for (c in range(3)) { row.append(r * 3 + c); }
    grid.append(row);
}
print(grid); // expect: [[0, 1, 2], [3, 4, 5], [6, 7, 8]]
print(grid[1][2], grid[-1][-1], len(grid[0])); // expect: 5 8 3
