// vm-only
// fuel: 10000000
s = 0;
for (i in range(1000)) { s = s + i; }
print(s); // expect: 499500
