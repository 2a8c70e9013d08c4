// vm-only
// fuel: 10000
// expect limit: fuel
print("start"); // expect: start
while (true) { }
