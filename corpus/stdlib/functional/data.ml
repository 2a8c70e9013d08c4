import functional;
xs = [1, 2, 3, 4, 5];
print(functional.map(fn(x) => x * x, xs), functional.filter(fn(x) => x % 2, xs), functional.map(fn(c) => c + c, "ab")); // expect: [1, 4, 9, 16, 25] [1, 3, 5] ['aa', 'bb']
print(functional.reduce(fn(a, b) => a + b, xs), functional.reduce(fn(a, b) => a + b, xs, 100), functional.reduce(fn(a, b) => a + b, [], 0)); // expect: 15 115 0
seen = [];
print(functional.forEach(fn(x) => seen.append(x), xs), functional.for_each(fn(x) => seen.append(-x), [1]), seen); // expect: None None [1, 2, 3, 4, 5, -1]
print(functional.find(fn(x) => x > 3, xs), functional.find(fn(x) => x > 9, xs)); // expect: 4 None
print(functional.some(fn(x) => x > 4, xs), functional.every(fn(x) => x > 0, xs), functional.every(fn(x) => x > 1, xs)); // expect: true true false
print(functional.zip([1, 2], "ab", [true, false, null]), functional.zip()); // expect: [(1, 'a', True), (2, 'b', False)] []
print(functional.range(3), functional.range(1, 4), functional.range(10, 0, -3)); // expect: [0, 1, 2] [1, 2, 3] [10, 7, 4, 1]
r = functional.repeat([0], 3);
r[0].append(1);
print(r, functional.repeat("x", 0)); // expect: [[0, 1], [0, 1], [0, 1]] []
print(functional.take(2, xs), functional.drop(3, xs), functional.takeWhile(fn(x) => x < 3, xs)); // expect: [1, 2] [4, 5] [1, 2]
print(functional.flatten([[1], [2, [3]], 4]), functional.chunk(2, xs), functional.chunk(-1, xs)); // expect: [1, 2, [3], 4] [[1, 2], [3, 4], [5]] []
print(functional.groupBy(fn(x) => x % 2 == 0, xs), functional.group_by(len, ["a", "bb", "c"])); // expect: {False: [1, 3, 5], True: [2, 4]} {1: ['a', 'c'], 2: ['bb']}
print(functional.unique([3, 1, 3, 2, 1]), functional.reverse(xs), functional.reverse("abc")); // expect: [3, 1, 2] [5, 4, 3, 2, 1] ['c', 'b', 'a']
print(functional.times(3, fn(i) => i * 10), functional.zipWith(fn(a, b) => a * b, [1, 2, 3], [4, 5])); // expect: [0, 10, 20] [4, 10]
function attempt(f) {
    try { print(f()); } except (e) { print(e.type + ": " + str(e)); }
}
attempt(fn() => functional.reduce(fn(a, b) => a + b, [])); // expect: TypeError: reduce() of empty iterable with no initial value
attempt(fn() => functional.chunk(0, xs)); // expect: ValueError: range() arg 3 must not be zero
attempt(fn() => functional.unique([[1], [1]])); // expect: TypeError: unhashable type: 'list'
attempt(fn() => functional.repeat(1, 2.5)); // expect: TypeError: can't multiply sequence by non-int of type 'float'
attempt(fn() => functional.map(fn(x) => x.nope(), [1])); // expect: AttributeError: 'int' object has no accessible method 'nope'
