s = "  Hello World  ";
print(s.strip(), "a,b,c".split(","), "-".join(["x", "y"]), "abc".find("z"), "5".rjust(3, "0"), "mail@x".indexOf("@"));
b = [3, 1, 2];
r = b.sort();
print(r, b, b.pop(), b);
// expect: Hello World ['a', 'b', 'c'] x-y -1 005 4
// expect: None [1, 2] 3 [1, 2]
