// Helper module for import tests: prints once when it is loaded.
print("loading _pkg._b");
function twice(x) { return x * 2; }
value = 21;
