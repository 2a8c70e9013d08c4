total = 10;
function show() { return total; }          // free: reads the global
function shadow() { total = 1; return total; }   // local: the global is untouched
print(show(), shadow(), total); // expect: 10 1 10
