numbers = [1, 2, 3];
doubled = collections.map(numbers, function(x) { return x * 2; });
print(doubled);
