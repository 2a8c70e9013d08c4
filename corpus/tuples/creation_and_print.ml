pairs = enumerate(["a", "b"]);
print(pairs, pairs[0], typeof(pairs[0])); // expect: [(0, 'a'), (1, 'b')] (0, 'a') unknown
z = zip([1, 2, 3], ["x", "y"]);
print(z); // expect: [(1, 'x'), (2, 'y')]
print(zip([1, 2]), zip()); // expect: [(1,), (2,)] []
t = pairs[1];
print(t[0], t[1], t[-1], t.length, len(t)); // expect: 1 b b 2 2
print(t[0:0], t[:1], t[::-1]); // expect: () (1,) ('b', 1)
print(str(t), "t=" + t); // expect: (1, 'b') t=(1, 'b')
