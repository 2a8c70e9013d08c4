u = "http://x";
print(len(u), u); // expect: 8 http://x
v = 'a//b' + "//";
print(v); // expect: a//b//
