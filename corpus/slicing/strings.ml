s = "abcdef";
print(s[2], s[-1], s[:3], s[::-2], s.length, len(s)); // expect: c f abc fdb 6 6
print(s[::3], s[4:1:-2], s[-3:], s[3:3] + "|"); // expect: ad ec def |
