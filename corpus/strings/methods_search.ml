print("banana".find("an"), "banana".rfind("an"), "banana".find("z")); // expect: 1 3 -1
print("banana".index("n"), "banana".rindex("n"), "banana".count("a"), "banana".count("an")); // expect: 2 4 3 2
print("mail@x".indexOf("@"), "abc".indexOf("z")); // expect: 4 -1
print("hello".startswith("he"), "hello".endswith("lo"), "hello".startswith("lo")); // expect: true true false
try { "abc".index("z"); } except (e) { print(str(e)); } // expect: substring not found
