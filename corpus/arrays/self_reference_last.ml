// A cyclic array as the program's last assignment: printing it works and the run succeeds.
a = [1];
a.append(a);
print(a); // expect: [1, [...]]
b = {n: 1};
b.me = [b];
print(b); // expect: {'n': 1, 'me': [{...}]}
