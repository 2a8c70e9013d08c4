print(abs(-5), abs(-2.5), abs(true), abs(-0.0), abs(3)); // expect: 5 2.5 1 0.0 3
print(round(0.5), round(1.5), round(2.5), round(7), round(-0.5)); // expect: 0.0 2.0 2.0 7 -0.0
print(round(3.14159, 2), round(2.675, 2), round(1.25, 1), round(1.35, 1)); // expect: 3.14 2.67 1.2 1.4
