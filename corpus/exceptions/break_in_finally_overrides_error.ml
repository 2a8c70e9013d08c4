// A `break` in `finally` discards the pending error (Python semantics, language.md 6.8).
for (i in [1]) {
    try { x = 1 / 0; } finally { break; }
}
print("survived"); // expect: survived
function g() {
    for (i in [1, 2]) {
        try { return "from try"; } finally { continue; }
    }
    return "after loop";
}
print(g()); // expect: after loop
