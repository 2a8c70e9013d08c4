function risky(v) {
    if (v < 0) { throw {message: "negative", code: 42}; }
    return v;
}
try {
    risky(-1);
} except (err) {
    print("caught:", str(err), err.code);
} except (other) {
    print(other);
} finally {
    print("done");
}
function inner() {
    try { x = [1, 2][9]; } except (e) { return str(e); }
}
try { risky(1); } except { print("bare"); }
try { risky(2); }
print(inner());
