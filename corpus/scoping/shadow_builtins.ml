function max(a, b) { return "mine"; }
print(max(1, 2)); // expect: mine
f = max;
print(f(3, 4)); // expect: mine
len = 3;
print(len); // expect: 3
function uses_builtin(xs) { return min(xs); }
print(uses_builtin([4, 2])); // expect: 2
function local_shadow() { str = fn(v) => "custom"; return str(1); }
print(local_shadow(), str(1)); // expect: custom 1
