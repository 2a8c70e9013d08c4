// Sorting values that do not all compare: both backends meet the same failing pair first, since
// the VM sorts with CPython's comparison sequence (found by the differential test).
import collections;
function attempt(label, f) {
    try { print(label, f()); } except (e) { print(label, e.type, str(e)); }
}
attempt("top", fn() => sorted([1, 2, "a", 3, []]));
// expect: top TypeError '<' not supported between instances of 'str' and 'int'
attempt("top-rev", fn() => sorted([3, 1, null, "b", 2], true));
// expect: top-rev TypeError '<' not supported between instances of 'NoneType' and 'int'
attempt("top-first", fn() => sorted([[], 1, "a"]));
// expect: top-first TypeError '<' not supported between instances of 'int' and 'list'
attempt("nested", fn() => sorted([[1, "x"], [2], [1, 5]]));
// expect: nested TypeError '<' not supported between instances of 'int' and 'str'
attempt("nested-rev", fn() => sorted([[2], [1, "x"], [0], [1, 5], [3]], true));
// expect: nested-rev TypeError '<' not supported between instances of 'str' and 'int'
big = [];
for (i in range(70)) { big.append([i % 7, i]); }
big.append([3, "x"]);
for (i in range(70)) { big.append([(i * 5) % 11, i]); }
attempt("gallop", fn() => sorted(big)[0]);
// expect: gallop TypeError '<' not supported between instances of 'str' and 'int'
attempt("sortBy", fn() => collections.sortBy([3, 1, 2, 4], fn(x) => x == 2 ? "two" : x));
// expect: sortBy TypeError '<' not supported between instances of 'str' and 'int'
attempt("sortBy-nested", fn() => collections.sortBy([4, 1, 3, 2, 0], fn(x) => [x % 2, x == 3 ? "s" : x]));
// expect: sortBy-nested TypeError '<' not supported between instances of 'str' and 'int'
attempt("sort", fn() => collections.sort([[0, 1], [2], [0, "a"], [1]]));
// expect: sort TypeError '<' not supported between instances of 'str' and 'int'
// An array sorted in place is left partly sorted by a failed comparison, as in CPython.
part = [[1], [3], [2], [0], [1, "z"], [4], [1, 2]];
try { part.sort(); } except (e) { print(e.type, str(e)); }
// expect: TypeError '<' not supported between instances of 'int' and 'str'
print(part);
// expect: [[0], [1], [1, 'z'], [2], [3], [4], [1, 2]]
// NaN compares false both ways: the result depends on the comparison sequence.
nan = float("nan");
print(sorted([3, nan, 1, 2, nan, 0, -1]), sorted([nan, 5, 4, nan, 3, 2, 1], true));
// expect: [3, nan, -1, 1, 2, nan, 0] [nan, 5, 4, nan, 3, 2, 1]
