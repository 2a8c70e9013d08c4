a = [1, 2;
function g() {}
