s = "é€x";
print(len(s), s.length, s[1], s[-1]); // expect: 3 3 € x
print(s[0:2], ord("€"), chr(233)); // expect: é€ 8364 é
r = "";
for (ch in "añb") { r = ch + r; }
print(r); // expect: bña
