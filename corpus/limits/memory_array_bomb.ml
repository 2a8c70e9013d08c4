// vm-only
// memory: 16
// expect limit: memory
a = [0] * 100000000;
print(len(a));
