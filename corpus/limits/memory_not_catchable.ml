// vm-only
// memory: 16
// expect limit: memory
try {
    s = "x";
    while (true) { s = s + s; }
} except (e) {
    print("caught");
}
