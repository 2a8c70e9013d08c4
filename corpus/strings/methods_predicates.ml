print("123".isdigit(), "12a".isdigit(), "abc".isalpha(), "ab1".isalnum()); // expect: true false true true
print("  ".isspace(), "".isspace(), "Hello World".istitle()); // expect: true false true
print("ABC".isupper(), "abc".islower(), "aBc".islower()); // expect: true true false
