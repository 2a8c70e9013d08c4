f(1, 2,);
a = [1,];
b = {a: 1,};
function g(a,) {}
