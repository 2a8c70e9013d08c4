e = "before";
try { x = 1 / 0; } except (e) { print(e); }
function f() {
    try { return 1; } except (err) { g = fn() => err; return g; }
}
print(f());
