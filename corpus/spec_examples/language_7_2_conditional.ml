t = true;
x = 5;
print((t ? 1 : 2) + 3, 3 + (t ? 1 : 2), x > 3 ? "big" : x > 1 ? "mid" : "small"); // expect: 4 4 big
