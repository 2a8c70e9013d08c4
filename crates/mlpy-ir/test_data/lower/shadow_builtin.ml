function helper() { return max(1, 2) + len([1]); }
function max(a, b) { return a; }
if (true) { len = 3; }
print(helper(), max(5, 9), len, min(1, 2));
