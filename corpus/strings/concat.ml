name = "Ada";
print("Hi " + name + "!"); // expect: Hi Ada!
print("n=" + 3, "f=" + 2.5, "b=" + true, "z=" + null); // expect: n=3 f=2.5 b=True z=None
print(1 + 2 + "x", "x" + 1 + 2, "x" + (1 + 2)); // expect: 3x x12 x3
print("a" + [1, "b"], {k: false} + "!"); // expect: a[1, 'b'] {'k': False}!
print(name + 5, 5 + name); // expect: Ada5 5Ada
print("" + "", "[" + "" + "]"); // expect:  []
print("x" + 1.0, "y" + 1e16, "z" + -0.0); // expect: x1.0 y1e+16 z-0.0
