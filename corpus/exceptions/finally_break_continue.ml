for (i in range(3)) {
    try {
        if (i == 0) { continue; }
        if (i == 2) { break; }
        print("body", i);
    } finally {
        print("finally", i);
    }
}
// expect: finally 0
// expect: body 1
// expect: finally 1
// expect: finally 2
n = 0;
while (true) {
    try { n = n + 1; if (n == 2) { break; } } finally { print("w", n); }
}
// expect: w 1
// expect: w 2
