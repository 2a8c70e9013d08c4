hooks = [];
for (i in [1, 2, 3]) { hooks = hooks + [fn() => i * 10]; }
function local_hooks() {
    hs = [];
    for (j in range(3)) { hs.append(fn() => j); }
    return hs;
}
function fixed(k) { return fn() => k; }
print(hooks[0](), local_hooks()[0](), fixed(1)());
