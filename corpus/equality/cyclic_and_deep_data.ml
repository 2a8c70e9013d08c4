// Equality walks data the way it is compared: identity first, then lengths, then elements, so a
// self-referencing array or data deeper than the limit compares fine until the walk itself
// would go past the data-depth limit (a differential run found emitted Python checking the
// whole depth of both sides first).
a = [];
a.extend([false, a]);
print([1, 2, 3] != a); // expect: true
print(a == a); // expect: true
print([false, a] == a); // expect: true
o = {k: 1};
o.self = o;
print(o == {k: 1}); // expect: false
print(o == o); // expect: true

deep = [];
cur = deep;
i = 0;
while (i < 1200) {
    n = [];
    cur.append(n);
    cur = n;
    i = i + 1;
}
print(deep == [1, 2]); // expect: false
print(deep == [[]]); // expect: false
print(deep == deep); // expect: true

// Two different cyclic arrays: the walk never ends before the limit.
b = [];
b.extend([false, b]);
print(a == b); // expect limit: depth
