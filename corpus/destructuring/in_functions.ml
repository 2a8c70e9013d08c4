x = "global";
function f(pt) {
    [x, y] = pt;
    return x * y;
}
print(f([3, 4]), x); // expect: 12 global
function g(o) { {w, h} = o; return w + h; }
print(g({h: 1, w: 2})); // expect: 3
for (item in [[1, "a"], [2, "b"]]) {
    [num, letter] = item;
    print(num, letter);
}
// expect: 1 a
// expect: 2 b
