print("B" < "a", "2" < "10", "abc" < "abd", "ab" < "abc", "" < "a", "a" >= "a"); // expect: true false true true true true
print("abc" == "abc", "abc" != "abd", "1" == 1, "" == false); // expect: true true false false
try { x = "a" < 1; } except (e) { print(str(e)); } // expect: '<' not supported between instances of 'str' and 'int'
