// Float in, float out (stdlib.md 2) even where Python's one-argument round returns an int.
print(round(1e300), round(2.5e-7, 8), round(-2.5), round(0.125, 2), round(5, 2)); // expect: 1e+300 2.5e-07 -2.0 0.12 5
print(typeof(round(2.4)), round(2.4) == 2); // expect: number true
