// Results of ML callbacks stay alive while a native builds its result, even when the
// callbacks allocate enough to trigger garbage collection.
import collections;
import functional;
pairs = collections.map(range(60000), fn(x) => [x, "s" + str(x), {k: [x]}]);
total = 0;
for (p in pairs) { total = total + p[0] + len(p[1]) + p[2].k[0]; }
print(len(pairs), total, pairs[59999]); // expect: 60000 3600288890 [59999, 's59999', {'k': [59999]}]
memo = functional.memoize(fn(n) => [n, str(n)]);
first = memo(7);
junk = functional.map(fn(i) => [i, [i]], range(60000));
print(memo(7), len(junk), functional.groupBy(fn(x) => x % 3, range(9))); // expect: [7, '7'] 60000 {0: [0, 3, 6], 1: [1, 4, 7], 2: [2, 5, 8]}
c = functional.compose(fn(x) => x + [1], fn(x) => [x]);
junk2 = collections.map(range(60000), fn(i) => {a: [i]});
print(c(5)); // expect: [5, 1]
