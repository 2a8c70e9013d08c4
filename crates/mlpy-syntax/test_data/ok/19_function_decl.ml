function add(a, b) { return a + b; }
function nothing() {}
function later() { x = 1; y = 2; }
