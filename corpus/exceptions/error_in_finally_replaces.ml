try {
    try { x = 1 / 0; } finally { y = [][0]; }
} except (e) {
    print(str(e)); // expect: list index out of range
}
try {
    try { x = 1 / 0; } except (e) { z = {}["inner"]; }
} except (e2) {
    print(str(e2)); // expect: 'inner'
}
