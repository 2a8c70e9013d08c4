print("a\tb|" + 'it\'s' + "|\d"); // expect: a	b|it's|\d
print(len("x\ny")); // expect: 3
print("line1\nline2"); // expect: line1
// expect: line2
print("q\"q", 'q\"q', "s\'s"); // expect: q"q q"q s's
print("back\\slash", len("\\")); // expect: back\slash 1
print(len("\0"), ord("\0")); // expect: 1 0
print("\u00e9\u20ac", len("\u00e9\u20ac")); // expect: é€ 2
print("\x41\x62", ord("\x7e")); // expect: Ab 126
print("\w+", len("\w"), "\q"); // expect: \w+ 2 \q
print(len("a\rb"), ord("a\rb"[1])); // expect: 3 13
print(ord("\t"), ord("\n")); // expect: 9 10
print("con\
tinued"); // expect: continued
