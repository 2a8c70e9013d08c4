print(1 + 2 * 3 - 4 / 2, (1 + 2) * 3, 2 * 3 % 4, 10 - 4 - 3); // expect: 5.0 9 2 3
print(1 < 2 == true, !true == false, -2 * -3); // expect: true true 6
print(1 + 1 == 2 && 3 > 2 || false, false || true && false); // expect: true false
print(true ? 1 : 2 + 10, (false ? 1 : 2) + 10); // expect: 1 12
o = {v: [1, 2, 3]};
print(-o.v[1], !o.v); // expect: -2 false
