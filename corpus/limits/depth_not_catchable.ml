// max-depth: 40
// expect limit: depth
function rec() { return rec(); }
try {
    rec();
} except (e) {
    print("caught");
} finally {
    print("finally must not run for limit errors");
}
