total = 10;
function show() { return total; }
function shadow() { total = 1; return total; }
print(show(), shadow(), total);
