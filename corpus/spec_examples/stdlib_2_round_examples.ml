print(round(2.5), round(3.14159, 2), round(2.675, 2), round(7)); // expect: 2.0 3.14 2.67 7
