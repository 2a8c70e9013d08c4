print(builtin.len([1, 2]), builtin.abs(-3)); // expect: 2 3
f = builtin.max;
print(f(1, 3)); // expect: 3
function len(x) { return "shadowed"; }
print(len([1]), builtin.len([1])); // expect: shadowed 1
