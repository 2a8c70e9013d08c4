// Catastrophic backtracking in a backtracking pattern is stopped by the fuel limit.
// vm-only
// fuel: 3000000
import regex;
print(regex.test("(a+)+b", "a" * 5000 + "!")); // expect: false
print(regex.test("^(a|a)+(?=x)", "a" * 40 + "!")); // expect limit: fuel
