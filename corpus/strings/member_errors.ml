try { x = "abc".foo; } except (e) { print(str(e)); } // expect: 'str' object has no accessible attribute 'foo'
try { x = "abc".foo(); } except (e) { print(str(e)); } // expect: 'str' object has no accessible method 'foo'
up = "abc".upper;
print(up(), callable(up)); // expect: ABC true
