// vm-only
// fuel: 50000
// expect limit: fuel
try {
    while (true) { x = 1; }
} except (e) {
    print("caught");
} finally {
    print("finally must not run for limit errors");
}
