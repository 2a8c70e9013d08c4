function outer() {
    function inner(a) {
        if (a) {
            while (a > 0) {
                for (i in range(a)) { try { a = a - 1; } except { break; } }
            }
        }
        return fn(v) => fn(w) => v + w;
    }
    return inner;
}
