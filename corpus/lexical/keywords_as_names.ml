// Reserved words are fine after `.` and as object keys; contextual capability words are
// ordinary identifiers elsewhere.
o = {class: 1, for: 2, if: 3, "while": 4};
print(o.class, o.for, o.if, o.while, o["class"]); // expect: 1 2 3 4 1
o.return = 9;
print(o["return"]); // expect: 9
read = 1;
write = 2;
resource = 3;
allow = 4;
network = 5;
system = 6;
execute = 7;
print(read + write + resource + allow + network + system + execute); // expect: 28
truex = "t";
print(truex); // expect: t
