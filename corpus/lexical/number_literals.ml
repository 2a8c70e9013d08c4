print(007, 0, 42); // expect: 7 0 42
print(1., .5, 1.25); // expect: 1.0 0.5 1.25
print(1e3, 1E3, 2.5e+3, 1e-2, 5E-1); // expect: 1000.0 1000.0 2500.0 0.01 0.5
print(typeof(1e3), typeof(10)); // expect: number number
print(-5, [1, -2], +3); // expect: -5 [1, -2] 3
a = 10;
print(a -5, a - -5); // expect: 5 15
print(123456789012345678901234567890); // expect: 123456789012345678901234567890
print(0.1, 100.0, 3.0e0); // expect: 0.1 100.0 3.0
