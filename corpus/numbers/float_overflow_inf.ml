print(1e308 * 10, -1e308 * 10); // expect: inf -inf
x = 1e308 * 10;
print(x > 1e308, x - x == x - x); // expect: true false
print(1.7976931348623157e308, 5e-324); // expect: 1.7976931348623157e+308 5e-324
