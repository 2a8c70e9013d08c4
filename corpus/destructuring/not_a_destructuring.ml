// `[a, b]` not followed by `=` is an ordinary expression statement (language.md 2.3 rule 2).
a = 1;
b = 2;
[a, b];
{a: 1};
print(a, b); // expect: 1 2
arr = [0, 0];
[arr][0][1] = 5;
print(arr); // expect: [0, 5]
