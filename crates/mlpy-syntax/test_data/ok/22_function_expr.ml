collections.map(numbers, function(x) { return x * 2; });
h = function() {};
