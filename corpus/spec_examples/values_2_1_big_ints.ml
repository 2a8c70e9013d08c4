f = 1;
for (i in range(1, 26)) { f = f * i; }
print(f, 9223372036854775807 + 1); // expect: 15511210043330985984000000 9223372036854775808
print(true + true, -true); // expect: 2 -1
