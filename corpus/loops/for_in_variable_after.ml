v = "unchanged";
for (v in []) { }
print(v); // expect: unchanged
for (v in [1, 2, 3]) { }
print(v); // expect: 3
for (v in [1, 2, 3]) { if (v == 2) { break; } }
print(v); // expect: 2
