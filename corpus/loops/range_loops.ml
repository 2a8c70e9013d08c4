out = [];
for (i in range(5, 0, -2)) { out.append(i); }
print(out); // expect: [5, 3, 1]
print(range(0), range(3), range(1, 4), range(10, 0, -3), range(2, 2)); // expect: [] [0, 1, 2] [1, 2, 3] [10, 7, 4, 1] []
