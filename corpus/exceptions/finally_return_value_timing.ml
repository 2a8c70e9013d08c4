function f() {
    x = "before";
    try { return x; } finally { x = "after"; print("finally sees", x); }
}
print(f());
// expect: finally sees after
// expect: before
