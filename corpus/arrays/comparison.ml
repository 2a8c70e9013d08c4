print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [] < [0]); // expect: true true true true
print([1, 2] <= [1, 2], ["a"] < ["b"]); // expect: true true
print([1] < [2, "a"]); // expect: true
try { x = [1] < 1; } except (e) { print(str(e)); } // expect: '<' not supported between instances of 'list' and 'int'
try { x = [1, "a"] < [1, 2]; } except (e) { print(str(e)); } // expect: '<' not supported between instances of 'str' and 'int'
