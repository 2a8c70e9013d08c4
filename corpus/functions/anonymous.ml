double = function(x) { return x * 2; };
print(double(21)); // expect: 42
nums = [1, 2, 3];
mapped = [];
apply = function(xs, f) { r = []; for (x in xs) { r.append(f(x)); } return r; };
print(apply(nums, function(x) { return x * x; })); // expect: [1, 4, 9]
print((function(a, b) { return a - b; })(10, 3)); // expect: 7
