// stdlib 1.4: errors raised by an ML callback propagate unchanged through the native.
try {
    collections.map([1, 0], fn(x) => 1 / x);
} except (e) {
    print(str(e)); // expect: division by zero
}
