if (a { x = 1; }
function g() { return 2; }
