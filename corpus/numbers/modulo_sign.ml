// `%` takes the sign of the divisor.
print(7 % 3, -7 % 3, 7 % -3, -7 % -3); // expect: 1 2 -2 -1
print(7.5 % 2, -7.5 % 2, 7.5 % -2, 5 % 2.5); // expect: 1.5 0.5 -0.5 0.0
print(10 % 10, 0 % 7, true % 2); // expect: 0 0 1
