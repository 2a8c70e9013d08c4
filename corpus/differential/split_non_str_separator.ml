// Found by tests/differential.rs: the Python backend doubled the message ("must be str or
// None, not must be str, not int").
try { "a b".split(5); } except (e) { print(e.type, str(e)); } // expect: TypeError must be str or None, not int
try { "a b".rsplit([1]); } except (e) { print(str(e)); } // expect: must be str or None, not list
print("a b".split(null)); // expect: ['a', 'b']
