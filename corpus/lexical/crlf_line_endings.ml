print("crlf"); // expect: crlf
x = 1 +
  2;
print(x); // expect: 3
s = "a
b";
print(len(s) > 1); // expect: true
