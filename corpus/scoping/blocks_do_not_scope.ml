if (true) { inside_if = 1; }
while (true) { inside_while = 2; break; }
for (k in [3]) { inside_for = k; }
try { inside_try = 4; } finally { inside_finally = 5; }
print(inside_if, inside_while, inside_for, inside_try, inside_finally, k); // expect: 1 2 3 4 5 3
function f() {
    if (true) { local_v = "L"; }
    for (j in range(2)) { }
    return [local_v, j];
}
print(f()); // expect: ['L', 1]
