print([1, 2] == [1, 2], [1, 2] == [2, 1], [1] == [true], [1, [2, [3]]] == [1, [2, [3]]]); // expect: true false true true
print({a: 1, b: 2} == {b: 2, a: 1}, {a: 1} == {a: 1, b: 2}, {a: [1, {b: 2}]} == {a: [1, {b: 2.0}]}); // expect: true false true
print([1, 2] != [1, 2], {a: 1} != {a: 2}); // expect: false true
