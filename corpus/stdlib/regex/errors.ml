import regex;
function attempt(f) {
    try { print(f()); } except (e) { print(e.type + ": " + str(e)); }
}
try { regex.compile("(a"); } except (e) { print(e.type, str(e).startswith("Invalid regex pattern '(a': ")); } // expect: ValueError true
try { regex.search("[", "x"); } except (e) { print(e.type, str(e).startswith("Invalid regex pattern '[': ")); } // expect: ValueError true
attempt(fn() => regex.sub("(a)", "\3", "a")); // expect: ValueError: invalid group reference 3 at position 1
attempt(fn() => regex.sub("a", "\q", "a")); // expect: ValueError: bad escape \q at position 0
attempt(fn() => regex.sub("(a)", "\g<x>", "a")); // expect: IndexError: unknown group name 'x'
attempt(fn() => regex.sub("a", fn(m) => 1, "a")); // expect: TypeError: expected str instance, int found
attempt(fn() => regex.search(5, "a")); // expect: TypeError: search() expected string, got 'int'
attempt(fn() => regex.findall("a", null)); // expect: TypeError: findall() expected string, got 'NoneType'
attempt(fn() => regex.compile("a").search()); // expect: TypeError: search() takes at least 1 argument (0 given)
attempt(fn() => regex.compile("a").nope()); // expect: AttributeError: 'Pattern' object has no accessible method 'nope'
attempt(fn() => regex.sub("b", "\\", "abc")); // expect: ValueError: bad escape (end of pattern) at position 0
print(regex.escape("") == "", regex.sub("b", "\\\\", "abc"), regex.sub("b", "\n", "abc") == "a\nc"); // expect: true a\c true
