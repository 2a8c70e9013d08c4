a = [1, 2];
b = a + [3];
print(a, b, [] + []); // expect: [1, 2] [1, 2, 3] []
print([0] * 3, 2 * ["x"], [1] * 0, [1] * -2); // expect: [0, 0, 0] ['x', 'x'] [] []
inner = [1];
rows = [inner] * 2;
rows[0].append(2);
print(rows); // expect: [[1, 2], [1, 2]]
try { c = [1] + 1; } except (e) { print(str(e)); } // expect: can only concatenate list (not "int") to list
print([1] + "s", "s" + [1]); // expect: [1]s s[1]
try { c = [1] * 1.5; } except (e) { print(str(e)); } // expect: can't multiply sequence by non-int of type 'float'
