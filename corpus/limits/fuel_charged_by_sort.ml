// vm-only
// fuel: 300000
// Sorting n items costs about n*log2(n) ticks, charged before sorting.
a = [3, 1, 2] * 20000;
print(len(a)); // expect: 60000
a.sort();
print("unreachable");
// expect limit: fuel
