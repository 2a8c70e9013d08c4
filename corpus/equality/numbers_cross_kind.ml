print(1 == 1.0, true == 1, false == 0, true == 1.0, 2 == true); // expect: true true true true false
print(0.1 + 0.2 == 0.3, 1 != 2, -0.0 == 0); // expect: false true true
big = 9223372036854775807 + 1;
print(big == 9223372036854775808, big == 9223372036854775808.0, big != big + 1); // expect: true true true
