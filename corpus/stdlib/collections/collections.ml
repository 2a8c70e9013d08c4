import collections;
xs = [3, 1, 2];
print(collections.length(xs), collections.length("abc"), collections.length({a: 1})); // expect: 3 3 1
print(collections.append(xs, 4), collections.prepend(xs, 0), collections.concat(xs, [9]), xs); // expect: [3, 1, 2, 4] [0, 3, 1, 2] [3, 1, 2, 9] [3, 1, 2]
print(collections.get(xs, 0), collections.get(xs, -1), collections.get(xs, 3), collections.get(xs, -4)); // expect: 3 2 None None
print(collections.first(xs), collections.last(xs), collections.first([]), collections.last([])); // expect: 3 2 None None
print(collections.slice(xs, 1), collections.slice(xs, 0, 2), collections.slice(xs, -2, null)); // expect: [1, 2] [3, 1] [1, 2]
print(collections.reverse(xs), collections.contains(xs, 2), collections.contains(xs, 2.0), collections.contains(xs, "2")); // expect: [2, 1, 3] true true false
print(collections.indexOf(xs, 1), collections.index_of(xs, 7), collections.indexOf([[1]], [1])); // expect: 1 -1 0
print(collections.find(xs, fn(x) => x < 3), collections.find(xs, fn(x) => x > 5)); // expect: 1 None
print(collections.filter(xs, fn(x) => x != 1), collections.map(xs, fn(x) => x * 10)); // expect: [3, 2] [30, 10, 20]
print(collections.reduce(xs, fn(a, b) => a + b, 10), collections.reduce([], fn(a, b) => a + b, "z")); // expect: 16 z
print(collections.removeAt(xs, 1), collections.remove_at(xs, 5) == xs, collections.removeAt(xs, -1)); // expect: [3, 2] true [3, 1, 2]
print(collections.isEmpty([]), collections.is_empty(xs), collections.isEmpty("")); // expect: true false true
print(collections.take(xs, 2), collections.drop(xs, 2), collections.take(xs, -1), collections.drop(xs, 10)); // expect: [3, 1] [2] [3, 1] []
print(collections.unique([1, 2, 1, "a", "a", 1.0, true, [1], [1]])); // expect: [1, 2, 'a', [1]]
print(collections.flatten([[1, 2], 3, [[4]], []])); // expect: [1, 2, 3, [4]]
print(collections.zip([1, 2, 3], ["a", "b"])); // expect: [(1, 'a'), (2, 'b')]
print(collections.sort(xs), collections.sort(xs, true), collections.sort(["b", "a"]), xs); // expect: [1, 2, 3] [3, 2, 1] ['a', 'b'] [3, 1, 2]
words = ["ccc", "a", "bb", "dd"];
print(collections.sortBy(words, fn(w) => len(w)), collections.sortBy(words, fn(w) => len(w), true)); // expect: ['a', 'bb', 'dd', 'ccc'] ['ccc', 'bb', 'dd', 'a']
print(collections.chunk([1, 2, 3, 4, 5], 2), collections.chunk([1], 0), collections.chunk([], 3)); // expect: [[1, 2], [3, 4], [5]] [] []
print(collections.every(xs, fn(x) => x > 0), collections.every([], fn(x) => false), collections.some(xs, fn(x) => x > 2), collections.some([], fn(x) => true)); // expect: true true true false
print(requiredCapabilities(collections.get), requiredCapabilities(collections.map)); // expect: ['collections.read'] ['collections.transform']
