h = help(len);
print(h == "Get length of collection\nCapabilities: None required"); // expect: true
print(hasattr({a: 1}, "a"), hasattr("s", "length"), hasattr("s", "upper")); // expect: false false true
print(getattr("abc", "length", "no")); // expect: no
