// Found by tests/differential.rs: the VM and CPython worded this TypeError differently.
try { "abc".startswith(1.5); } except (e) { print(str(e)); } // expect: startswith first arg must be str or a tuple of str, not float
try { "abc".endswith([1]); } except (e) { print(str(e)); } // expect: endswith first arg must be str or a tuple of str, not list
print("abc".startswith("ab"), "abc".endswith("bc")); // expect: true true
