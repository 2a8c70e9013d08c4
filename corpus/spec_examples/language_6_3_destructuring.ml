[a, b] = [1, 2];
{x, y} = {x: "X", y: "Y", z: "Z"};
[a, b] = [b, a];
print(a, b, x, y); // expect: 2 1 X Y
