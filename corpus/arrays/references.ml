a = [1];
b = a;
b.append(2);
print(a, a == b); // expect: [1, 2] true
function add(xs, v) { xs.append(v); }
add(a, 3);
print(b); // expect: [1, 2, 3]
c = a[:];
c.append(4);
print(a, c); // expect: [1, 2, 3] [1, 2, 3, 4]
