[a, b] = [1, 2];
{x, y} = {x: "X", y: "Y"};
[a, b] = [b, a];
[single] = xs;
