// vm-only
// memory: 16
// expect limit: memory
s = "x";
while (true) { s = s + s; }
