o = {b: 1, a: [2]};
print(keys(o), values(o), keys({})); // expect: ['b', 'a'] [1, [2]] []
try { keys([1]); } except (e) { print("error"); } // expect: error
