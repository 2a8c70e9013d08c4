x = "global";
function f(x) { x = x + "!"; return x; }
print(f("arg"), x); // expect: arg! global
function g(list) { list = [0]; return list; }
l = [1];
print(g(l), l); // expect: [0] [1]
