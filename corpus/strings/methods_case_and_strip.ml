print("Hello".upper(), "Hello".lower(), "  x y  ".strip() + "|"); // expect: HELLO hello x y|
print("--x--".lstrip("-"), "--x--".rstrip("-")); // expect: x-- --x
print("hello world".capitalize(), "hello world".title(), "HeLLo".swapcase()); // expect: Hello world Hello World hEllO
print("héllo".upper()); // expect: HÉLLO
print("abc".center(7, "*"), "abc".ljust(5, ".") + "|", "abc".rjust(5) + "|", "5".rjust(3, "0")); // expect: **abc** abc..|   abc| 005
