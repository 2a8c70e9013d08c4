t = true;
x = 5;
print((t ? 1 : 2) + 3, 3 + (t ? 1 : 2), x > 3 ? "big" : x > 1 ? "mid" : "small"); // expect: 4 4 big
x = 2;
print(x > 3 ? "big" : x > 1 ? "mid" : "small"); // expect: mid
print(null ? "t" : "f", [0] ? "t" : "f"); // expect: f t
y = x > 1 ? [1, 2] : {a: 1};
print(y); // expect: [1, 2]
z = t ? fn(v) => v + 1 : fn(v) => v - 1;
print(z(10)); // expect: 11
