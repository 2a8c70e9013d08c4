s = "hello";
print(s[0], s[4], s[-1], s[-5], s[true]); // expect: h o o h e
print(s.length, len(s), typeof(s[0])); // expect: 5 5 string
try { c = s[5]; } except (e) { print(str(e)); } // expect: string index out of range
try { c = s[-6]; } except (e) { print(str(e)); } // expect: string index out of range
try { c = s[1.0]; } except (e) { print(str(e)); } // expect: string indices must be integers, not 'float'
try { s[0] = "j"; } except (e) { print(str(e)); } // expect: 'str' object does not support item assignment
print(s); // expect: hello
