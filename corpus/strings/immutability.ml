s = "abc";
t = s;
t = t + "d";
print(s, t); // expect: abc abcd
u = s.upper();
print(s, u); // expect: abc ABC
s[1] = "x"; // expect error: TypeError: 'str' object does not support item assignment
