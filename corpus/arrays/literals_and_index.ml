a = [10, 20, 30];
print(a, a[0], a[2], a[-1], a[-3], a[false]); // expect: [10, 20, 30] 10 30 30 10 10
print([], [[]], [1, [2, [3]]], a.length, len(a)); // expect: [] [[]] [1, [2, [3]]] 3 3
print(typeof(a), typeof([])); // expect: array array
