print(min("abc"), min(5), max(), sorted({b: 1, a: 2}), reversed({a: 1, b: 2}), len(null));
print(round(0.5), round(1.5), round(7), hex(-5), format(1234.5678, ",.2f"), call(max, 3, 9));
print(enumerate("ab", 1), range(3, 0, -1));
// expect: abc 5 None ['a', 'b'] ['b', 'a'] 0
// expect: 0.0 2.0 7 -0x5 1,234.57 9
// expect: [(1, 'a'), (2, 'b')] [3, 2, 1]
