// vm-only
// memory: 16
// expect limit: memory
keep = [];
while (true) { keep.append([1, 2, 3, 4, 5, 6, 7, 8]); }
