function risky(v) {
    if (v < 0) { throw {message: "negative", code: 42}; }
    return v;
}
try {
    risky(-1);
} except (err) {
    print("caught:", str(err), err.code);
} finally {
    print("done");
}
try { x = [1, 2][9]; } except (e) { print(str(e)); }
// expect: caught: negative 42
// expect: done
// expect: list index out of range
