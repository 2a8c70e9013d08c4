print("aaaa".count("aa"), "a,b,c,d".split(",", 2), "x".join("abc")); // expect: 2 ['a', 'b', 'c,d'] axbxc
print("abc".startswith(""), "".find(""), "abc".replace("", "-")); // expect: true 0 -a-b-c-
print("Ünïcödé".lower(), "straße".upper(), len("straße".upper())); // expect: ünïcödé STRASSE 7
print(" a b ".split(" "), "a  b".split(" ")); // expect: ['', 'a', 'b', ''] ['a', '', 'b']
