b = 1;
for (k in range(70)) { b = b * 2; }
print(b, b * 1.5, b / 2); // expect: 1180591620717411303424 1.770887431076117e+21 5.902958103587057e+20
print(-b // -3, b % -7, b > float("inf"), b < float("inf")); // expect: 393530540239137101141 -5 false true
print(100000000000000000000 == 1e20, 100000000000000000000000 == 1e23, int(1e23)); // expect: true false 99999999999999991611392
o = {};
o[b] = "big";
print(o[1180591620717411303424.0]); // expect: big
z = {};
z[0] = "zero";
print(z[-0.0], z[false]); // expect: zero zero
