function level(n) {
    try {
        if (n == 0) { throw {message: "bottom"}; }
        return level(n - 1);
    } finally {
        print("unwind", n);
    }
}
try { level(2); } except (e) { print("caught", str(e)); }
// expect: unwind 0
// expect: unwind 1
// expect: unwind 2
// expect: caught bottom
