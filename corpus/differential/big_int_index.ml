// Big-int indexes give CPython's errors on both backends (found by the differential test).
a = [1, 2];
try { print(a[9223372036854775808]); } except (e) { print(e.type, str(e)); }
// expect: IndexError cannot fit 'int' into an index-sized integer
try { a[-9223372036854775809] = 1; } except (e) { print(e.type, str(e)); }
// expect: IndexError cannot fit 'int' into an index-sized integer
try { print("ab"[9223372036854775808]); } except (e) { print(e.type, str(e)); }
// expect: IndexError cannot fit 'int' into an index-sized integer
try { print(a[9223372036854775807]); } except (e) { print(e.type, str(e)); }
// expect: IndexError list index out of range
try { a.insert(9223372036854775808, 3); } except (e) { print(e.type, str(e)); }
// expect: OverflowError Python int too large to convert to C ssize_t
try { a.pop(9223372036854775808); } except (e) { print(e.type, str(e)); }
// expect: OverflowError Python int too large to convert to C ssize_t
o = {};
o[9223372036854775808] = "big key";
print(a, o[9223372036854775808]);
// expect: [1, 2] big key
