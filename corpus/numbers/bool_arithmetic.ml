print(true + true, -true, true * 3, true / 2, false - 1, 1 + true); // expect: 2 -1 3 0.5 -1 2
print(true + 1.5, false * 2.5); // expect: 2.5 0.0
print(true < 2, false < true, true == 1, false == 0); // expect: true true true true
