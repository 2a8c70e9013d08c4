xs = [];
push = xs.append;
push(1);
push(2);
print(xs); // expect: [1, 2]
up = "abc".upper;
fs = [up, "XY".lower];
print(fs[0](), fs[1]()); // expect: ABC xy
