function side(v) { print("side", v); return v; }
a = false && side(1);
b = true || side(2);
c = true && side(3); // expect: side 3
d = false || side(4); // expect: side 4
print(a, b, c, d); // expect: false true 3 4
