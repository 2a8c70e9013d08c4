try {
    x = 1 / 0;
} except (e) {
    print("handling"); // expect: handling
    y = [][1]; // expect error: IndexError: list index out of range
}
