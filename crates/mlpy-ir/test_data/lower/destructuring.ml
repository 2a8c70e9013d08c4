[a, b] = [1, 2];
{x, y} = {x: "X", y: "Y", z: "Z"};
[a, b] = [b, a];
function swap(p) { [u, v] = p; {w} = {w: 1}; return [v, u, w]; }
print(a, b, x, y, swap([1, 2]));
